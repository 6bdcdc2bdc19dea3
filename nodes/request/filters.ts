// Query filters (the node's filter rows) → the query string parameters Twilio expects.
//
// - `eq` works on every filter. A date filter (catalog `dateOps`: the spec also declares
//   `X<` and `X>`) takes before / on / after, sent as `X<`, `X`, `X>` (Twilio's comparisons
//   are inclusive and by GMT day); `eq` on a date filter means `on`.
// - A plain date filter (format `date`, no `dateOps`: Usage StartDate/EndDate) takes `eq`
//   only and also accepts Twilio's relative forms (`-30days`), sent untouched.
// - A row with no value (undefined, null or "") is an error naming the filter, never
//   skipped: a forgotten value would silently widen the query.
// - Two rows that send the same key are an error.
// - A date the products spell as a pair (catalog `range`: DateCreatedAfter/DateCreatedBefore)
//   takes after (on or after: midnight of the day) and before (on or before: the day's last
//   second, GMT); docs/catalog.md, "Date filters".
import type { Filter, Operation } from '../catalog/types';
import { ErrorCodes, TwilioNodeError } from '../common/errors';
import { t } from '../common/i18n';
import { encodeValue } from './param-values';
import { closeMatches, operationLabel, quoteList, userText } from '../common/hints';

export type FilterOp = 'eq' | 'before' | 'on' | 'after';

export interface FilterRow {
  field: string;
  op: FilterOp;
  /** already evaluated by the runner (typedInput) */
  value: unknown;
}

export interface QueryParamOptions {
  now?: Date;
  /** receives each warning text once (e.g. a time of day dropped from a date filter) */
  warn?: (text: string) => void;
  /** the account's default country for national phone numbers */
  defaultCountry?: string;
}

const DATE_KEY_SUFFIX: Record<FilterOp, string> = { eq: '', on: '', before: '<', after: '>' };

function filterError(key: string, vars: Record<string, unknown>): TwilioNodeError {
  return new TwilioNodeError(t('errors.' + key, vars), ErrorCodes.invalidFilter);
}

function unknownFilter(name: string, filters: readonly Filter[], operation: string): TwilioNodeError {
  const names = filters.map((f) => f.name);
  const matches = closeMatches(name, names);
  let hint: string;
  if (names.length === 0) hint = t('errors.hintNoFilters', { operation });
  else if (matches.length) hint = t('errors.hintDidYouMean', { matches: quoteList(matches) });
  else hint = t('errors.hintExpected', { names: names.join(', ') });
  return filterError('filterUnknown', { name: userText(name), operation, hint });
}

/** The query parameters for the rows, or a TwilioNodeError naming the row at fault. */
export function buildQueryParams(op: Operation, rows: FilterRow[], opts: QueryParamOptions = {}): Record<string, string> {
  const filters = op.filters || [];
  const operation = operationLabel(op);
  const byName = new Map(filters.map((f) => [f.name, f]));
  const out: Record<string, string> = {};
  const rowOfKey = new Map<string, number>();
  const warned = new Set<string>();
  const warnOnce = (text: string): void => {
    if (opts.warn && !warned.has(text)) {
      warned.add(text);
      opts.warn(text);
    }
  };
  let timeWarned = false;

  rows.forEach((row, index) => {
    const filter = byName.get(row.field);
    if (!filter) throw unknownFilter(String(row.field), filters, operation);
    const op = row.op || 'eq';
    if (filter.range) {
      const key = rangeKey(filter, op);
      const first = rowOfKey.get(key);
      if (first !== undefined) throw filterError('filterTwice', { key, first: first + 1, second: index + 1 });
      rowOfKey.set(key, index);
      if (row.value === undefined || row.value === null || row.value === '') throw filterError('filterEmpty', { name: filter.name });
      out[key] = encodeRange(filter, op as 'after' | 'before', row.value, operation, opts.now);
      return;
    }
    if (!(op in DATE_KEY_SUFFIX)) throw filterError('filterBadOp', { name: filter.name, op: userText(op) });
    if (op !== 'eq' && !filter.dateOps) {
      const dateFilters = filters.filter((f) => f.dateOps).map((f) => f.name);
      throw filterError('filterOpNotDate', {
        name: filter.name,
        op,
        dateFilters: dateFilters.length ? quoteList(dateFilters) : t('errors.noDateFilters', { operation }),
      });
    }
    if (row.value === undefined || row.value === null || row.value === '') {
      throw filterError('filterEmpty', { name: filter.name });
    }
    const key = filter.dateOps ? filter.name + DATE_KEY_SUFFIX[op] : filter.name;
    const first = rowOfKey.get(key);
    if (first !== undefined) throw filterError('filterTwice', { key, first: first + 1, second: index + 1 });
    rowOfKey.set(key, index);

    out[key] = encodeValue(filter, row.value, {
      subject: t('errors.subjectFilter', { name: filter.name, operation }),
      code: ErrorCodes.invalidFilter,
      now: opts.now,
      defaultCountry: opts.defaultCountry,
      op: filter.dateOps ? (op === 'eq' ? 'on' : op) : 'eq',
      allowRelative: !filter.dateOps && filter.format === 'date',
      warnDroppedTime: (text) => {
        if (!timeWarned) warnOnce(text);
        timeWarned = true;
      },
    });
  });
  return out;
}

function rangeKey(filter: Filter, op: string): string {
  const range = filter.range!;
  if (op !== 'after' && op !== 'before') throw filterError('filterRangeOp', { name: filter.name, op, after: range.after, before: range.before });
  return range[op];
}

/** On or after: the day's first second; on or before: its last (a date is sent as the day). */
function encodeRange(filter: Filter, op: 'after' | 'before', value: unknown, operation: string, now?: Date): string {
  const day = encodeValue(filter, value, {
    subject: t('errors.subjectFilter', { name: filter.name, operation }),
    code: ErrorCodes.invalidFilter,
    now,
    op: 'on',
  });
  return op === 'before' ? day.replace(/T00:00:00Z$/, 'T23:59:59Z') : day;
}

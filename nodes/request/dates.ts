// Dates in and out of Twilio.
//
// In: a user's date value (filters, date-time parameters) is parsed with parseDateInput and
// sent as the spec's format wants (formatDateParam). Everything is GMT: a value without a
// zone is read as GMT whatever the machine's TZ, and relative words count whole GMT days.
//
// Accepted inputs (parseDateInput):
//   - a JS Date; epoch milliseconds as a number or a string of 9+ digits
//     (shorter digit strings are refused: `20240501` is more likely a date than 1970)
//   - `YYYY-MM-DD`                                  → midnight GMT
//   - `YYYY-MM-DD HH:MM[:SS[.sss]]`                 (the seed's form) GMT, optional zone
//   - ISO 8601 `YYYY-MM-DDTHH:MM[:SS[.sss]][Z|±HH[:MM]]`, GMT when no zone is given
//   - RFC 2822 `[Mon, ]17 Sep 2012 01:13:42 +0000` (zones ±HHMM, GMT, UT, UTC, Z)
//   - relative words, case-insensitive: `now`; `today`, `yesterday`, `tomorrow` (midnight
//     GMT); `-7d`, `+3d`, `-30days`, `-1day`, `-2w`, `+1week`, `-2weeks` (whole days from
//     today's midnight GMT)
//
// Out (dates: 'iso'): Twilio's RFC 2822 dates become ISO 8601 without milliseconds,
// `2012-09-17T01:13:42Z` — the form Twilio's newer APIs use and the one we send.
import type { RecordSchema } from '../catalog/types';
import { ErrorCodes, TwilioNodeError } from '../common/errors';
import { t } from '../common/i18n';
import { showValue } from '../common/hints';

const DAY_MS = 86400000;
const MONTHS: Record<string, number> = {
  jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11,
};

function invalidDate(value: unknown): TwilioNodeError {
  return new TwilioNodeError(t('errors.invalidDate', { value: showValue(value) }), ErrorCodes.invalidDate);
}

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

function pad4(n: number): string {
  return n < 1000 ? String(n).padStart(4, '0') : String(n);
}

/** Date.UTC with range checks: null when a part is out of range (Feb 30, 25:00, …). */
function utc(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number | null {
  if (mo < 1 || mo > 12 || d < 1 || h > 24 || mi > 59 || s > 60) return null;
  if (h === 24 && (mi || s || ms)) return null;
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d > daysInMonth) return null;
  const time = new Date(0);
  time.setUTCFullYear(y, mo - 1, d); // setUTCFullYear keeps years 0–99 literal, unlike Date.UTC
  time.setUTCHours(h, mi, Math.min(s, 59), ms);
  return time.getTime();
}

/** `Z`, `+05:30`, `-0800`, `+05` → minutes east of GMT; undefined when no zone. */
function zoneOffset(zone: string | undefined): number | undefined {
  if (!zone) return undefined;
  if (zone === 'Z' || zone === 'z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!m) return undefined;
  const minutes = Number(m[2]) * 60 + Number(m[3] || 0);
  return m[1] === '-' ? -minutes : minutes;
}

function msFraction(frac: string | undefined): number {
  return frac ? Math.round(Number('0.' + frac) * 1000) : 0;
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;
const RFC_2822 = /^(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{2}):(\d{2})(?::(\d{2}))?\s+([+-]\d{4}|GMT|UTC|UT|Z)$/;
const RELATIVE = /^([+-])(\d{1,5})\s*(d|days?|w|weeks?)$/i;

function todayMidnight(now: Date): number {
  return Math.floor(now.getTime() / DAY_MS) * DAY_MS;
}

// The dates Twilio takes: years 1970–9999 GMT (a four-digit year, nothing before the epoch).
const MIN_TIME = 0;
const MAX_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
// No accepted form is longer (RFC 2822 with a weekday is 31); longer text is refused unread.
const MAX_DATE_TEXT = 64;

/** The value as epoch ms, NaN when it is no date at all. */
function timeOf(value: unknown, now: Date): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return NaN;
  const s = value.trim();
  if (s.length > MAX_DATE_TEXT) return NaN;
  const time = parseDateString(s, now);
  return time === null ? NaN : time;
}

/**
 * The value as a Date, or a TwilioNodeError INVALID_DATE naming it and the accepted forms.
 * Numbers, Dates and text all pass the same range check (docs/reliability.md).
 */
export function parseDateInput(value: unknown, now: Date = new Date()): Date {
  const time = timeOf(value, now);
  if (!Number.isFinite(time)) throw invalidDate(value);
  if (time < MIN_TIME || time > MAX_TIME) {
    throw new TwilioNodeError(t('errors.dateOutOfRange', { value: showValue(value) }), ErrorCodes.invalidDate);
  }
  return new Date(time);
}

function parseDateString(s: string, now: Date): number | null {
  if (/^\d{9,}$/.test(s)) return Number(s);
  const word = s.toLowerCase();
  if (word === 'now') return now.getTime();
  if (word === 'today') return todayMidnight(now);
  if (word === 'yesterday') return todayMidnight(now) - DAY_MS;
  if (word === 'tomorrow') return todayMidnight(now) + DAY_MS;
  let m = RELATIVE.exec(s);
  if (m) {
    const days = Number(m[2]) * (m[3][0].toLowerCase() === 'w' ? 7 : 1);
    return todayMidnight(now) + (m[1] === '-' ? -days : days) * DAY_MS;
  }
  m = DATE_ONLY.exec(s);
  if (m) return utc(Number(m[1]), Number(m[2]), Number(m[3]));
  m = DATE_TIME.exec(s);
  if (m) {
    const base = utc(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] || 0), msFraction(m[7]));
    if (base === null) return null;
    const offset = m[8] ? zoneOffset(m[8].replace(/\s/g, '')) : 0;
    if (offset === undefined) return null;
    return base - offset * 60000;
  }
  return parseRfc2822(s);
}

function parseRfc2822(s: string): number | null {
  const m = RFC_2822.exec(s);
  if (!m) return null;
  const month = MONTHS[m[2].toLowerCase()];
  if (month === undefined) return null;
  const base = utc(Number(m[3]), month + 1, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6] || 0));
  if (base === null) return null;
  const zone = m[7];
  const offset = /^[+-]/.test(zone) ? zoneOffset(zone) : 0;
  return offset === undefined ? null : base - offset * 60000;
}

/** `2012-09-17` (GMT) */
export function isoDate(d: Date): string {
  return `${pad4(d.getUTCFullYear())}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** `2012-09-17T01:13:42Z` (GMT, no milliseconds — twilio-node's iso8601DateTime) */
export function isoDateTime(d: Date): string {
  return `${isoDate(d)}T${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}Z`;
}

/** Twilio's own relative forms for plain date parameters (Usage StartDate/EndDate). */
const TWILIO_RELATIVE = /^[+-]\d+days$/;

export interface DateParamOptions {
  /** the operator of a date filter; `on` sends midnight of the day for date-time filters */
  op?: 'eq' | 'before' | 'on' | 'after';
  /** pass Twilio's relative forms (`-30days`) through untouched */
  allowRelative?: boolean;
  now?: Date;
  /** called when a time of day is dropped for a `date` parameter (the caller warns once) */
  warnDroppedTime?: (text: string) => void;
  /** who the value belongs to, for texts: `Filter "DateSent" of Query Message` */
  subject?: string;
}

/**
 * A date value as the spec's format wants it: `date` → `YYYY-MM-DD`; `date-time` (and
 * anything else) → `YYYY-MM-DDTHH:mm:ssZ`, midnight of the day for op `on`.
 */
export function formatDateParam(value: unknown, format: string | undefined, opts: DateParamOptions = {}): string {
  if (opts.allowRelative && typeof value === 'string' && TWILIO_RELATIVE.test(value.trim())) return value.trim();
  let date: Date;
  try {
    date = parseDateInput(value, opts.now);
  } catch (err) {
    if (opts.subject && err instanceof TwilioNodeError) {
      err.message = t('errors.valueDate', { subject: opts.subject, reason: err.message });
    }
    throw err;
  }
  if (format === 'date') {
    const day = isoDate(date);
    if (date.getTime() % DAY_MS !== 0 && opts.warnDroppedTime) {
      opts.warnDroppedTime(
        t('warnings.droppedTime', { subject: opts.subject || t('errors.subjectValue'), value: showValue(value), date: day }),
      );
    }
    return day;
  }
  if (opts.op === 'on') return isoDate(date) + 'T00:00:00Z';
  return isoDateTime(date);
}

// Twilio's exact form, `Mon, 17 Sep 2012 01:13:42 +0000`, is rewritten by position without
// building a Date: convertRecordDates runs on every record of large queries.
const FAST_RFC = /^[A-Z][a-z]{2}, (\d{2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}:\d{2}:\d{2}) \+0000$/;
const MONTH_NUM: Record<string, string> = {
  Jan: '01', Feb: '02', Mar: '03', Apr: '04', May: '05', Jun: '06',
  Jul: '07', Aug: '08', Sep: '09', Oct: '10', Nov: '11', Dec: '12',
};

/** An RFC 2822 date as ISO 8601 (`2012-09-17T01:13:42Z`), or undefined when it is not one. */
export function tryRfc2822ToIso(s: string): string | undefined {
  const m = FAST_RFC.exec(s);
  if (m) {
    const month = MONTH_NUM[m[2]];
    if (month && Number(m[1]) >= 1 && Number(m[1]) <= 31) return `${m[3]}-${month}-${m[1]}T${m[4]}Z`;
  }
  const time = parseRfc2822(s.trim());
  return time === null ? undefined : isoDateTime(new Date(time));
}

/** An RFC 2822 date as ISO 8601 (`2012-09-17T01:13:42Z`); INVALID_DATE when it is not one. */
export function rfc2822ToIso(s: string): string {
  const iso = typeof s === 'string' ? tryRfc2822ToIso(s) : undefined;
  if (iso === undefined) throw invalidDate(s);
  return iso;
}

const dateFieldsCache = new WeakMap<RecordSchema, string[]>();

/** Fields of a schema whose format is `date-time-rfc-2822`. */
export function rfc2822Fields(schema: RecordSchema): string[] {
  let names = dateFieldsCache.get(schema);
  if (!names) {
    names = schema.fields.filter((f) => f.format === 'date-time-rfc-2822').map((f) => f.name);
    dateFieldsCache.set(schema, names);
  }
  return names;
}

/**
 * A shallow copy of the record with its RFC 2822 date fields in ISO 8601. Nulls stay null;
 * a value that is not an RFC 2822 date passes through untouched (it is Twilio's data).
 */
export function convertRecordDates<T extends object>(record: T, schema: RecordSchema): T {
  const names = rfc2822Fields(schema);
  if (names.length === 0) return record;
  const out = { ...record } as Record<string, unknown>;
  for (const name of names) {
    const v = out[name];
    if (typeof v === 'string') {
      const iso = tryRfc2822ToIso(v);
      if (iso !== undefined) out[name] = iso;
    }
  }
  return out as T;
}

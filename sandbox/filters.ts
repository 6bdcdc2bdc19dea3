// Applies a Query's catalog filters to records. Date filters (`X`, `X<`, `X>`) are
// inclusive and compare whole GMT days, as Twilio documents for DateSent, StartTime,
// DateCreated, MessageDate…: `X<` = on or before that day, `X>` = on or after.
import type { Filter, Operation, RecordSchema } from '../nodes/catalog/types';
import { FILTER_RULES, type FilterRule } from './data';
import { filterDay, recordDay, usageDay } from './dates';
import { invalidParameterError } from './errors';
import { snakeCase } from '../nodes/catalog/names';
import type { Rec } from './records';

export type Query = Record<string, string | string[]>;
export type RecordTest = (rec: Rec) => boolean;

function single(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[v.length - 1] : v;
}

/** A query value; `X<=` and `X>=` (an encoded `=` in the key) are read as `X<`, `X>`. */
function queryValue(query: Query, key: string): string | undefined {
  return single(query[key]) ?? single(query[key + '=']);
}

function wildcardRegex(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '\\d');
  return new RegExp(escaped);
}

function dayTest(field: string, op: '=' | '<=' | '>=', day: number): RecordTest {
  return (rec) => {
    const d = recordDay(rec[field]);
    if (d === undefined) return false;
    return op === '=' ? d === day : op === '<=' ? d <= day : d >= day;
  };
}

function pathValue(rec: Rec, path: string[]): unknown {
  let v: unknown = rec;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[p];
  }
  return v;
}

function sameValue(actual: unknown, wanted: string): boolean {
  if (actual === null || actual === undefined) return false;
  if (typeof actual === 'boolean') return String(actual) === wanted.toLowerCase();
  return String(actual) === wanted;
}

function ruleTest(rule: FilterRule, value: string): RecordTest | undefined {
  switch (rule.match) {
    case 'ignore':
      return undefined;
    case 'prefix': {
      const prefix = (rule.prefix ?? '') + value;
      return (rec) => String(pathValue(rec, rule.field) ?? '').startsWith(prefix);
    }
    case 'wildcard': {
      const re = wildcardRegex(value);
      return (rec) => re.test(String(pathValue(rec, rule.field) ?? ''));
    }
    case 'not-eq':
      // Only `true` excludes; `false` asks for nothing.
      if (value.toLowerCase() !== 'true') return undefined;
      return (rec) => pathValue(rec, rule.field) !== rule.value;
    default:
      return (rec) => sameValue(pathValue(rec, rule.field), value);
  }
}

function checkType(filter: Filter, value: string): void {
  if (filter.type === 'boolean' && !/^(true|false)$/i.test(value)) {
    throw invalidParameterError(`Invalid value for ${filter.name}: expected true or false`);
  }
  if (filter.type === 'integer' && !/^-?\d+$/.test(value)) {
    throw invalidParameterError(`Invalid value for ${filter.name}: expected an integer`);
  }
  if (filter.enum && !filter.enum.includes(value)) {
    throw invalidParameterError(`${filter.name} must be one of ${filter.enum.join(', ')}`);
  }
}

function invalidDate(name: string, value: string): Error {
  return invalidParameterError(`Invalid date for ${name}: '${value}'. Use YYYY-MM-DD or an ISO 8601 date-time.`);
}

/** One test per filter present in the query; throws a 400 SandboxError on a bad value. */
export function compileFilters(op: Operation, schema: RecordSchema, query: Query): RecordTest[] {
  const tests: RecordTest[] = [];
  const fields = new Set(schema.fields.map((f) => f.name));
  for (const filter of op.filters ?? []) {
    const field = snakeCase(filter.name);
    if (filter.dateOps) {
      const forms: Array<[string, '=' | '<=' | '>=']> = [
        [filter.name, '='],
        [filter.name + '<', '<='],
        [filter.name + '>', '>='],
      ];
      for (const [key, cmp] of forms) {
        const value = queryValue(query, key);
        if (value === undefined) continue;
        const day = filterDay(value);
        if (day === undefined) throw invalidDate(key, value);
        tests.push(dayTest(field, cmp, day));
      }
      continue;
    }
    const value = single(query[filter.name]);
    if (value === undefined) continue;
    // Even a filter the sandbox ignores must be well-typed, as Twilio checks it.
    if (filter.format !== 'date') checkType(filter, value);
    const rule = FILTER_RULES[filter.name];
    if (rule && !fields.has(field)) {
      const t = ruleTest(rule, value);
      if (t) tests.push(t);
      continue;
    }
    if (!fields.has(field)) continue;
    if (filter.format === 'date') {
      // Plain date parameters (Usage StartDate/EndDate): the description says which way.
      const day = usageDay(value);
      if (day === undefined) throw invalidDate(filter.name, value);
      const desc = filter.description ?? '';
      const cmp = /on or after/i.test(desc) ? '>=' : /on or before/i.test(desc) ? '<=' : '=';
      tests.push(dayTest(field, cmp, day));
      continue;
    }
    if (/partial/i.test(filter.description ?? '')) {
      const re = wildcardRegex(value);
      tests.push((rec) => re.test(String(rec[field] ?? '')));
      continue;
    }
    tests.push((rec) => sameValue(rec[field], value));
  }
  return tests;
}

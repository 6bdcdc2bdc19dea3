// Checks a request before anything is stored: Sids in the path against their spec
// patterns (Twilio answers a malformed Sid with 404 20404), required parameters and
// "at least one of" groups, enum/type/pattern of each value, and Twilio's magic
// test phone numbers (https://www.twilio.com/docs/iam/test-credentials#magic-input).
import type { Operation, Param } from '../nodes/catalog/types';
import { INVALID_URL_ERRORS, MISSING_PARAM_ERRORS, TEST_NUMBERS, type TestNumberRules } from './data';
import { invalidParameterError, notFoundError, SandboxError } from './errors';
import type { Query } from './filters';

export type Form = Record<string, string | string[]>;

/** Every Sid in the path must match its pattern; a pattern-less part anything. */
export function checkPathSids(op: Operation, params: Record<string, string>, path: string): void {
  for (const part of op.chain) {
    const value = params[part.name];
    if (part.pattern && value !== undefined && !new RegExp(part.pattern).test(value)) throw notFoundError(path);
  }
  const account = params.AccountSid;
  if (account !== undefined && !/^AC[0-9a-fA-F]{32}$/.test(account)) throw notFoundError(path);
}

function present(form: Form, name: string): boolean {
  const v = form[name];
  if (v === undefined) return false;
  return Array.isArray(v) ? v.some((x) => x !== '') : v !== '';
}

function missingError(op: Operation, key: string, fallback: string): SandboxError {
  const known = MISSING_PARAM_ERRORS[op.operationId]?.[key];
  if (known) return new SandboxError(400, known.code, known.message);
  return invalidParameterError(fallback);
}

const E164 = /^\+[1-9]\d{1,14}$/;
const CHANNEL_ADDRESS = /^[a-z][a-z0-9-]*:\S+$/i; // whatsapp:+1…, client:alice, sip:bob@example.com
const SHORT_CODE = /^\d{3,8}$/;
const ALPHANUMERIC_SENDER = /^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$/;

function checkTestNumbers(rules: TestNumberRules, form: Form): void {
  const from = first(form.From);
  const to = first(form.To);
  if (from !== undefined && from !== '') {
    const known = rules.from[from];
    if (known) throw new SandboxError(400, known.code, known.message);
    const ok = E164.test(from) || CHANNEL_ADDRESS.test(from) || SHORT_CODE.test(from) || ALPHANUMERIC_SENDER.test(from);
    if (!ok) throw new SandboxError(400, rules.invalidFrom, `The 'From' number ${from} is not a valid phone number, shortcode, or alphanumeric sender ID.`);
  }
  if (to !== undefined && to !== '') {
    const known = rules.to[to];
    if (known) throw new SandboxError(400, known.code, known.message);
    const ok = E164.test(to) || CHANNEL_ADDRESS.test(to) || SHORT_CODE.test(to);
    if (!ok) throw new SandboxError(400, rules.invalidTo, `The 'To' number ${to} is not a valid phone number.`);
  }
}

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function isAbsoluteHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

function checkValue(p: Param, value: string): void {
  if (p.enum && !p.enum.includes(value)) {
    throw invalidParameterError(`${p.name} must be one of ${p.enum.join(', ')}; got '${value}'`);
  }
  if (p.type === 'boolean' && !/^(true|false)$/i.test(value)) {
    throw invalidParameterError(`${p.name} must be true or false; got '${value}'`);
  }
  if (p.type === 'integer' && !/^-?\d+$/.test(value)) {
    throw invalidParameterError(`${p.name} must be an integer; got '${value}'`);
  }
  if (p.type === 'number' && !Number.isFinite(Number(value))) {
    throw invalidParameterError(`${p.name} must be a number; got '${value}'`);
  }
  if (p.pattern && !new RegExp(p.pattern).test(value)) {
    throw invalidParameterError(`${p.name} '${value}' is not valid`);
  }
  if (p.format === 'uri' && !isAbsoluteHttpUrl(value)) {
    const code = INVALID_URL_ERRORS[p.name];
    throw code ? new SandboxError(400, code, `${p.name} is not a valid URL: ${value}`) : invalidParameterError(`${p.name} is not a valid URL: ${value}`);
  }
}

/** Form parameters of a Create/Update. Unknown parameters are ignored, as Twilio does. */
export function checkForm(op: Operation, form: Form): void {
  const params = op.params ?? [];
  for (const p of params) {
    if (p.required && !present(form, p.name)) {
      throw missingError(op, p.name, `Missing required parameter ${p.name} in the post body`);
    }
  }
  for (const group of op.conditional ?? []) {
    if (!group.some((name) => present(form, name))) {
      throw missingError(op, group.join('|'), `One of ${group.join(', ')} must be provided`);
    }
  }
  const rules = TEST_NUMBERS[op.operationId];
  if (rules) checkTestNumbers(rules, form);
  for (const p of params) {
    const v = form[p.name];
    if (v === undefined) continue;
    const values = Array.isArray(v) ? v : [v];
    if (!p.array && values.length > 1) throw invalidParameterError(`${p.name} may be given once`);
    if (p.maxItems !== undefined && values.length > p.maxItems) {
      throw invalidParameterError(`${p.name} may be given at most ${p.maxItems} times`);
    }
    for (const value of values) {
      // An empty value clears a field on Update (e.g. redacting a Message Body).
      if (value === '') continue;
      if (p.maxLength !== undefined && value.length > p.maxLength) {
        throw invalidParameterError(`${p.name} is longer than ${p.maxLength} characters`);
      }
      checkValue(p, value);
    }
  }
}

export interface Paging {
  pageSize: number;
  page: number;
  pageToken?: string;
}

/** PageSize 1–1000 (default 50), Page ≥ 0. */
export function readPaging(query: Query): Paging {
  const raw = first(query.PageSize);
  let pageSize = 50;
  if (raw !== undefined) {
    if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 1000) {
      throw invalidParameterError(`Invalid PageSize '${raw}': must be an integer from 1 to 1000`);
    }
    pageSize = Number(raw);
  }
  const rawPage = first(query.Page);
  let page = 0;
  if (rawPage !== undefined) {
    if (!/^\d+$/.test(rawPage)) throw invalidParameterError(`Invalid Page '${rawPage}': must be a non-negative integer`);
    page = Number(rawPage);
  }
  const pageToken = first(query.PageToken);
  return { pageSize, page, pageToken: pageToken || undefined };
}

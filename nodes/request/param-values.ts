// One value of a Twilio parameter or filter, checked against the catalog and written as the
// form/query text Twilio expects. Shared by filters.ts and request-document.ts so both
// accept the same values and word failures the same way.
import type { Param } from '../catalog/types';
import { formatDateParam } from './dates';
import { type ProjectErrorCode, TwilioNodeError } from '../common/errors';
import { t } from '../common/i18n';
import { checkPhone, isPhoneFormat } from './phone';
import { showValue, userText } from '../common/hints';

export interface ValueOptions {
  /** `Parameter "Status" of Update Call` or `Filter "Status" of Query Call`; may be a getter, read only to word a failure */
  subject: string;
  /** the error code for a bad value (INVALID_PARAMETER or INVALID_FILTER) */
  code: ProjectErrorCode;
  now?: Date;
  op?: 'eq' | 'before' | 'on' | 'after';
  allowRelative?: boolean;
  warnDroppedTime?: (text: string) => void;
  /** the account's default country for national phone numbers (`US`, `GB`) */
  defaultCountry?: string;
}

function fail(key: string, opts: ValueOptions, vars: Record<string, unknown>): never {
  throw new TwilioNodeError(t('errors.' + key, { subject: opts.subject, ...vars }), opts.code);
}

// Compiled once: every message checks its values against the same few spec patterns.
const patterns = new Map<string, RegExp>();
export function patternOf(source: string): RegExp {
  let re = patterns.get(source);
  if (!re) {
    re = new RegExp(source);
    patterns.set(source, re);
  }
  return re;
}

function encodeBoolean(value: unknown, opts: ValueOptions): string {
  if (value === true || value === 'true') return 'true';
  if (value === false || value === 'false') return 'false';
  return fail('valueBoolean', opts, { value: showValue(value) });
}

function encodeNumber(param: Param, value: unknown, opts: ValueOptions): string {
  let n: number;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string' && value.trim() !== '' && /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(value.trim())) {
    n = Number(value.trim());
  } else n = NaN;
  const integer = param.type === 'integer';
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n))) {
    fail(integer ? 'valueInteger' : 'valueNumber', opts, { value: showValue(value) });
  }
  if (param.minimum !== undefined && n < param.minimum) fail('valueMinimum', opts, { min: param.minimum, value: showValue(value) });
  if (param.maximum !== undefined && n > param.maximum) fail('valueMaximum', opts, { max: param.maximum, value: showValue(value) });
  return String(n);
}

function isPlainObject(v: unknown): boolean {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

const PHONE_PROBLEM_KEYS = { TOO_SHORT: 'phoneTooShort', TOO_LONG: 'phoneTooLong', INVALID_COUNTRY: 'phoneNoCountry' };

function encodePhone(param: Param, s: string, opts: ValueOptions): string {
  const r = checkPhone(s, { defaultCountry: opts.defaultCountry, also: param.phoneAlso });
  if (!r.problem) return r.value;
  const also = (param.phoneAlso || []).filter((a) => a !== 'partial').map((a) => t('errors.phoneAlso.' + a));
  return fail(PHONE_PROBLEM_KEYS[r.problem], opts, {
    value: showValue(s),
    country: (opts.defaultCountry || '').toUpperCase() || t('errors.phoneNoDefaultCountry'),
    also: also.length ? t('errors.phoneAlsoTakes', { kinds: also.join(', ') }) : '',
  });
}

function encodeText(param: Param, value: unknown, opts: ValueOptions): string {
  let s: string;
  if (typeof value === 'string') s = value;
  else if (typeof value === 'number' || typeof value === 'boolean') s = String(value);
  else if (param.jsonText && isPlainObject(value)) s = jsonText(value, opts); // e.g. ContentVariables
  else return fail('valueNotText', opts, { value: showValue(value) });
  // An empty string is sent as is: Twilio reads it as "clear" (a redacted Body, no app).
  if (s === '') return s;
  if (isPhoneFormat(param.format)) s = encodePhone(param, s, opts);
  if (param.enum && !param.enum.includes(s)) {
    fail('valueEnum', opts, { values: param.enum.join(', '), value: showValue(s) });
  }
  // the pattern says more than a length (`^MG[0-9a-fA-F]{32}$` rather than "34 characters")
  if (param.pattern && !patternOf(param.pattern).test(s)) {
    fail('valuePattern', opts, { pattern: param.pattern, value: showValue(s) });
  }
  if (param.maxLength !== undefined || param.minLength !== undefined) {
    const length = [...s].length; // characters, not UTF-16 units: an emoji counts once
    if (param.maxLength !== undefined && length > param.maxLength) fail('valueTooLong', opts, { length, max: param.maxLength });
    if (param.minLength !== undefined && length < param.minLength) fail('valueTooShort', opts, { length, min: param.minLength });
  }
  return s;
}

/** JSON text of a value, or the subject's error (a circular structure, a BigInt) instead of JSON's own. */
function jsonText(value: unknown, opts: ValueOptions): string {
  let s: string | undefined;
  try {
    s = JSON.stringify(value);
  } catch (err) {
    fail('valueJson', opts, { reason: userText(err instanceof Error ? err.message.split('\n')[0] : String(err)) });
  }
  if (s === undefined) fail('valueNotText', opts, { value: showValue(value) });
  return s;
}

function encodeObject(value: unknown, opts: ValueOptions): string {
  // object-typed parameters: objects become JSON text; text is sent as given.
  return typeof value === 'string' ? value : jsonText(value, opts);
}

/** One (non-array) value as form/query text, or a TwilioNodeError naming the subject. */
export function encodeValue(param: Param, value: unknown, opts: ValueOptions): string {
  switch (param.type) {
    case 'boolean':
      return encodeBoolean(value, opts);
    case 'integer':
    case 'number':
      return encodeNumber(param, value, opts);
    case 'object':
      return encodeObject(value, opts);
    default:
      if (param.format === 'date' || param.format === 'date-time') {
        if (value === '') return '';
        return formatDateParam(value, param.format, {
          op: opts.op,
          allowRelative: opts.allowRelative,
          now: opts.now,
          warnDroppedTime: opts.warnDroppedTime,
          get subject() { return opts.subject; }, // read (and translated) only for a text
        });
      }
      return encodeText(param, value, opts);
  }
}

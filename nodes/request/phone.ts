// Phone numbers as people type them → E.164 (`+14155551212`), as Twilio wants them.
//
// A value of a phone-number/endpoint parameter or filter is read in this order:
// - a channel address `prefix:rest`: only `whatsapp:` holds a phone number (normalised,
//   prefix kept, so a WhatsApp message is never sent as SMS); `messenger:`, `client:`,
//   `sip:` and any other prefix pass untouched;
// - a short code (3–8 digits) or an alphanumeric sender id (`MyBrand`) passes untouched
//   where the catalog says the parameter takes one (`phoneAlso`, a generator table, because
//   the spec says so only in prose); a number filter that takes partial numbers and `*`
//   (`partial`) likewise;
// - anything else is parsed with libphonenumber-js (loaded on first use) and the account's
//   default country. Only what `validatePhoneNumberLength` calls TOO_SHORT, TOO_LONG or
//   INVALID_COUNTRY is refused: `isValid()` would refuse Twilio's test numbers
//   (+15005550006) and reserved ranges. A value that is not a number at all, or has an
//   extension, is left for Twilio to judge. See docs/phone-numbers.md.
import type { PhoneAlso } from '../catalog/types';

export type PhoneProblem = 'TOO_SHORT' | 'TOO_LONG' | 'INVALID_COUNTRY';

export interface PhoneOptions {
  /** ISO 3166-1 alpha-2 country for national numbers (`US`, `GB`), from the account node */
  defaultCountry?: string;
  /** what else the parameter takes besides a phone number (catalog `phoneAlso`) */
  also?: readonly PhoneAlso[];
}

export interface PhoneResult {
  value: string;
  problem?: PhoneProblem;
}

const PREFIX = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/s;
// Channel address prefixes Twilio documents for To/From (a msg.topic such as `sensor:1` is not one).
const ADDRESS_PREFIXES = new Set(['whatsapp', 'messenger', 'client', 'sip', 'sips', 'rcs']);
const SHORT_CODE = /^\d{3,8}$/;
// Twilio: up to 11 characters, ASCII letters, digits and a few signs, at least one letter.
const ALPHANUMERIC_SENDER = /^(?=.*[A-Za-z])[A-Za-z0-9 +\-_&.]{1,11}$/;
const PARTIAL = /^\+?[\d*]+$/;
const REFUSED = new Set<string>(['TOO_SHORT', 'TOO_LONG', 'INVALID_COUNTRY']);

type PhoneLib = typeof import('libphonenumber-js');
let lib: PhoneLib | undefined;
/** Loaded on first use: flows that never send a phone number never pay for its metadata. */
function phoneLib(): PhoneLib {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy on purpose: its metadata costs start-up time
  if (!lib) lib = require('libphonenumber-js') as PhoneLib;
  return lib;
}

function countryOf(code: string | undefined): string | undefined {
  const c = (code || '').trim().toUpperCase();
  return c || undefined;
}

function parseNumber(text: string, country: string | undefined): PhoneResult {
  const { validatePhoneNumberLength, parsePhoneNumberFromString } = phoneLib();
  /* eslint-disable @typescript-eslint/no-explicit-any */
  const parsed = parsePhoneNumberFromString(text, { defaultCountry: country as any, extract: false });
  // The usual case, in one parse: the whole text is a number of a possible length (what
  // validatePhoneNumberLength calls fine). Otherwise validatePhoneNumberLength names the problem.
  if (parsed && !parsed.ext && parsed.isPossible()) return { value: parsed.number };
  const problem = validatePhoneNumberLength(text, country as any);
  /* eslint-enable @typescript-eslint/no-explicit-any */
  if (problem && REFUSED.has(problem)) return { value: text, problem: problem as PhoneProblem };
  if (problem) return { value: text }; // not a number: Twilio decides
  if (!parsed || parsed.ext) return { value: text };
  return { value: parsed.number };
}

function allowedAsIs(s: string, also: readonly PhoneAlso[]): boolean {
  if (also.includes('short-code') && SHORT_CODE.test(s)) return true;
  if (also.includes('alphanumeric') && ALPHANUMERIC_SENDER.test(s) && !/^\+?[\d\s().-]+$/.test(s)) return true;
  if (also.includes('partial') && PARTIAL.test(s)) return true;
  return false;
}

// Results of parseNumber by country and text. Parsing a +1 number costs ~12 µs (libphonenumber-js
// tries each NANP country's patterns), and a flow sends from the same few numbers, often to
// the same few: bounded, emptied when full.
const parsedNumbers = new Map<string, PhoneResult>();
const PARSED_MAX = 1000;

function parseNumberOnce(text: string, country: string | undefined): PhoneResult {
  const key = `${country || ''} ${text}`;
  let result = parsedNumbers.get(key);
  if (!result) {
    if (parsedNumbers.size >= PARSED_MAX) parsedNumbers.clear();
    parsedNumbers.set(key, (result = parseNumber(text, country)));
  }
  return result;
}

/** The value as Twilio wants it, or the value with the length problem to refuse it for. */
export function checkPhone(value: string, opts: PhoneOptions = {}): PhoneResult {
  if (typeof value !== 'string') return { value };
  const s = value.trim();
  if (s === '') return { value };
  const country = countryOf(opts.defaultCountry);
  const m = PREFIX.exec(s);
  if (m) {
    if (m[1].toLowerCase() !== 'whatsapp') return { value };
    const inner = parseNumberOnce(m[2].trim(), country);
    return { value: `${m[1]}:${inner.value}`, problem: inner.problem };
  }
  if (allowedAsIs(s, opts.also || [])) return { value: s };
  // a copy: the kept result stays as parsed whatever a caller does with it
  return { ...parseNumberOnce(s, country) };
}

/** `+1 (311) 555-6789` → `+13115556789`; `whatsapp:+1 555 …` → `whatsapp:+1555…`; a refused value unchanged. */
export function normalizePhone(value: string, opts: PhoneOptions = {}): string {
  const r = checkPhone(value, opts);
  return r.problem ? value : r.value;
}

/** Param formats whose values are phone numbers or channel addresses. */
export function isPhoneFormat(format: string | undefined): boolean {
  return format === 'phone-number' || format === 'endpoint';
}

/** True when the text is a phone number or channel address (used to read msg.topic). */
export function looksLikeAddress(value: unknown, opts: PhoneOptions = {}): boolean {
  if (typeof value !== 'string' || value.trim() === '') return false;
  const s = value.trim();
  const m = PREFIX.exec(s);
  if (m) return ADDRESS_PREFIXES.has(m[1].toLowerCase());
  if (!/^\+?[\d\s()./-]+$/.test(s)) return false;
  const r = checkPhone(s, opts);
  return !r.problem;
}

// Phone numbers as Twilio wants them: E.164 (`+13115556789`).
//
// Only a value that is clearly a formatted E.164 number (a `+`, then 7–15 digits with
// spaces, dots, dashes, slashes or parentheses between them) is rewritten. Everything else
// passes through untouched, because Twilio accepts more than phone numbers in these
// parameters: short codes (`12345`), alphanumeric sender ids (`MyBrand`), national numbers
// Twilio resolves itself, and addresses with a channel prefix. For a prefixed address the
// prefix is kept and the number after it normalised (`whatsapp:+1 555 …`), except for
// `client:` and `sip:`/`sips:` addresses, whose part after the prefix is not a number.

const FORMATTED_E164 = /^\+[\d\s()./\-\u00a0\u2009\u202f]+$/;
const SEPARATORS = /[\s()./\-\u00a0\u2009\u202f]/g;
const PREFIX = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/s;
const OPAQUE_PREFIXES = new Set(['client', 'sip', 'sips']);

function normalizeNumber(value: string): string {
  const s = value.trim();
  if (!FORMATTED_E164.test(s)) return value;
  const digits = s.slice(1).replace(SEPARATORS, '');
  if (digits.length < 7 || digits.length > 15 || digits[0] === '0') return value;
  return '+' + digits;
}

/** `+1 (311) 555-6789` → `+13115556789`; `whatsapp:+1 555 …` → `whatsapp:+1555…`; others untouched. */
export function normalizePhone(value: string): string {
  if (typeof value !== 'string') return value;
  const m = PREFIX.exec(value.trim());
  if (m) {
    if (OPAQUE_PREFIXES.has(m[1].toLowerCase())) return value;
    const number = normalizeNumber(m[2]);
    return number === m[2] ? value : `${m[1]}:${number}`;
  }
  return normalizeNumber(value);
}

/** Param formats whose values are phone numbers or channel addresses. */
export function isPhoneFormat(format: string | undefined): boolean {
  return format === 'phone-number' || format === 'endpoint';
}

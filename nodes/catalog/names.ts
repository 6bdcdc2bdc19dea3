// Twilio's name spellings, one rule for the generator, the sandbox and the XML writer:
// a parameter `DateCreated` is the record field `date_created`.

/**
 * `DateCreated` → `date_created`, `SIPDomain` → `sip_domain`, `CallSid` → `call_sid`: a word
 * starts at a capital after a lower-case letter or digit, and at the last capital of a run
 * followed by lower case (an acronym stays one word).
 */
export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

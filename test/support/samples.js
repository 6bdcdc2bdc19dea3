'use strict';
// The tests' one generator of sample values, from the catalog alone: Sids from the spec's
// patterns (fixed or numbered), a Sid chain, the required parameters plus one member of each
// conditional group, and filter values — each valid for its declared type and format.
// (The editor's profile preview has its own, published: nodes/admin/profile-samples.ts.)
const S = require('../conformance/lib/spec');

const ACCOUNT_SID = 'AC' + 'a'.repeat(32);
const AUTH_TOKEN = 'conformance-auth-token';

/** A value for a Sid pattern such as `^CA[0-9a-fA-F]{32}$` or `^(SM|MM)[0-9a-fA-F]{32}$`. */
function sidFromPattern(pattern, hex = 'a'.repeat(32)) {
  const m = /^\^(?:\(([A-Z]{2})(?:\|[A-Z]{2})*\)|([A-Z]{2}))\[0-9a-fA-F\]\{32\}\$$/.exec(pattern);
  if (!m) throw new Error(`no sample for pattern ${pattern}`);
  return (m[1] || m[2]) + hex;
}

let chainValues;
/**
 * Values for chain parts without a pattern (a participant's CallSid, a country code, a
 * `Sid` that may be `Twilio.CURRENT`): the same name with a pattern elsewhere in the object,
 * else the value the spec's examples hold in the part's record field.
 */
function chainValueFor(objectId, part) {
  if (part.pattern) return sidFromPattern(part.pattern);
  if (!chainValues) {
    chainValues = new Map();
    for (const e of S.operations()) {
      for (const p of e.op.chain) {
        if (p.pattern) {
          const k = `${e.object} ${p.name}`;
          if (!chainValues.has(k)) chainValues.set(k, sidFromPattern(p.pattern));
        }
        const ex = S.successExample(e);
        const record = ex && (e.op.recordKey ? (ex[e.op.recordKey] || [])[0] : ex);
        if (p.field && record && typeof record[p.field] === 'string') {
          const k = `* ${p.name}`;
          if (!chainValues.has(k)) chainValues.set(k, record[p.field]);
        }
      }
    }
  }
  const v = chainValues.get(`${objectId} ${part.name}`) || chainValues.get(`* ${part.name}`);
  if (!v) throw new Error(`no sample for ${objectId} ${part.name}`);
  return v;
}

/** A numbered value for a chain part: its pattern's prefix + n in hex (`^CA…` → CA0…01), or a plain label. */
function sampleForPart(part, n = 1) {
  const m = part.pattern && /^\^\(?([A-Z]{2})/.exec(part.pattern);
  if (m) return m[1] + n.toString(16).padStart(32, '0');
  return part.name === 'CountryCode' ? 'US' : `label${n}`;
}

/** The chain parts for an operation (without the optional leading Account Sid). */
function sampleChain(entry) {
  return entry.op.chain.map((p) => chainValueFor(entry.object, p));
}

/** The concrete request path for an operation and chain. */
function samplePath(entry, chain = sampleChain(entry), accountSid = ACCOUNT_SID) {
  let i = 0;
  return entry.op.path.replace(/\{([^}]+)\}/g, (_, name) => {
    if (name === 'AccountSid') return encodeURIComponent(accountSid);
    return encodeURIComponent(chain[i++]);
  });
}

/** A value valid for a catalog parameter (one value; arrays get one element). */
function sampleValue(param) {
  if (param.enum && param.enum.length) return param.enum[0];
  if (param.pattern) return sidFromPattern(param.pattern);
  switch (param.format) {
    case 'phone-number':
    case 'endpoint': return '+15005550006';
    case 'uri': return 'https://example.com/twilio/hook';
    case 'http-method': return 'POST';
    case 'date': return '2024-03-05';
    case 'date-time': return '2024-03-05T10:11:12Z';
    case 'iso-country-code': return 'US';
    case 'twiml': return '<Response><Say>Hello</Say></Response>';
    default: break;
  }
  switch (param.type) {
    case 'integer': return param.minimum !== undefined ? Math.max(param.minimum, 1) : 1;
    case 'number': return param.minimum !== undefined ? Math.max(param.minimum, 1) : 1;
    case 'boolean': return true;
    case 'object': return { key: 'value' };
    default: {
      const min = param.minLength || 0;
      const s = 'conformance';
      return s.length >= min ? s.slice(0, param.maxLength || s.length) : s.padEnd(min, 'x');
    }
  }
}

/** Required parameters plus the first member of each conditional group, as a request document. */
function sampleParams(entry) {
  const params = entry.op.params || [];
  const wanted = new Set(params.filter((p) => p.required).map((p) => p.name));
  for (const group of entry.op.conditional || []) {
    if (!group.some((n) => wanted.has(n))) wanted.add(group[0]);
  }
  const doc = {};
  for (const name of wanted) {
    const p = params.find((x) => x.name === name);
    if (!p) throw new Error(`${entry.key}: conditional member ${name} is not a parameter`);
    const v = sampleValue(p);
    doc[name] = p.array ? [v] : v;
  }
  return doc;
}

/** Every parameter of a Create/Update with a valid value (arrays get two values). */
function sampleAllParams(entry) {
  const doc = {};
  for (const p of entry.op.params || []) {
    const v = sampleValue(p);
    doc[p.name] = p.array ? [v, v] : v;
  }
  return doc;
}

/** Encode a request document as Twilio's form body / query string (repeated keys for arrays). */
function encodeParams(doc) {
  const usp = new URLSearchParams();
  for (const [k, v] of Object.entries(doc)) {
    for (const item of Array.isArray(v) ? v : [v]) {
      usp.append(k, item !== null && typeof item === 'object' ? JSON.stringify(item) : String(item));
    }
  }
  return usp.toString();
}

/** A value for every filter of a Query (and `X<`, `X>` for date filters). */
function sampleFilters(entry) {
  const doc = {};
  for (const f of entry.op.filters || []) {
    doc[f.name] = sampleValue(f);
    if (f.dateOps) { doc[`${f.name}<`] = sampleValue(f); doc[`${f.name}>`] = sampleValue(f); }
  }
  return doc;
}

module.exports = {
  ACCOUNT_SID, AUTH_TOKEN, sidFromPattern, sampleForPart, sampleChain, samplePath, sampleValue, sampleParams, sampleAllParams, encodeParams, sampleFilters,
};

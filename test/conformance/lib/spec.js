'use strict';
// Twilio's OpenAPI description as the conformance suite sees it: the installed spec, the
// catalog operation ↔ spec operation mapping, and ajv validators for raw requests
// (path, query and form values) and for response bodies.
//
// Twilio's custom formats get small definitions here (see docs/conformance.md):
//   phone-number        E.164 (+ and 1–15 digits) or a channel address (whatsapp:+…, client:…,
//                       sip:…, a SIM/Client identifier); Twilio filters accept all of these
//   endpoint            same as phone-number (To/From of a Call: number, sip:, client:)
//   date-time-rfc-2822  `Mon, 17 Sep 2012 01:13:42 +0000`
//   http-method         an HTTP verb in capitals
//   iso-country-code    two capital letters
//   twiml               a string starting with `<`
//   currency            three letters, upper or lower case (Twilio sends `USD` and `usd`)
//   uri-map, phone-number-capabilities, ice-server   object formats: nothing to check
//                       beyond the schema's type
const fs = require('fs');
const path = require('path');
const Ajv = require('ajv');
const addFormats = require('ajv-formats');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SPEC_FILE = path.join(ROOT, 'node_modules/@twilio-alpha/mcp/twilio-oai/spec/json/twilio_api_v2010.json');
const CATALOG_FILE = path.join(ROOT, 'nodes/catalog/api.v2010.json');
const DIFFERENCES_FILE = path.join(__dirname, '..', 'spec-differences.json');
const FORM = 'application/x-www-form-urlencoded';

let rawSpec;
function loadSpec() {
  if (!rawSpec) rawSpec = JSON.parse(fs.readFileSync(SPEC_FILE, 'utf8'));
  return rawSpec;
}
let catalog;
function loadCatalog() {
  if (!catalog) catalog = JSON.parse(fs.readFileSync(CATALOG_FILE, 'utf8'));
  return catalog;
}
function loadDifferences() {
  return JSON.parse(fs.readFileSync(DIFFERENCES_FILE, 'utf8'));
}

/** Every catalog operation, in catalog order: {object, action, op, specOp, key}. */
function operations() {
  const spec = loadSpec();
  const out = [];
  for (const obj of Object.values(loadCatalog().objects)) {
    for (const action of ['get', 'query', 'create', 'update', 'delete']) {
      const op = obj.actions[action];
      if (!op) continue;
      const specOp = spec.paths[op.path] && spec.paths[op.path][op.method.toLowerCase()];
      if (!specOp) throw new Error(`spec has no ${op.method} ${op.path}`);
      out.push({ object: obj.id, action, op, specOp, key: `${obj.id} ${action}` });
    }
  }
  return out;
}

// ---------- JSON pointers ----------
function pointerGet(doc, pointer) {
  let cur = doc;
  for (const raw of pointer.split('/').slice(1)) {
    const k = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur === null || typeof cur !== 'object' || !(k in cur)) return undefined;
    cur = cur[k];
  }
  return cur;
}
function pointerSet(doc, pointer, value) {
  const parts = pointer.split('/').slice(1).map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  let cur = doc;
  for (const k of parts.slice(0, -1)) cur = cur[k];
  cur[parts[parts.length - 1]] = value;
}
function escapePointer(k) {
  return String(k).replace(/~/g, '~0').replace(/\//g, '~1');
}

// ---------- OpenAPI 3.0 schema → JSON Schema ----------
/** `nullable: true` → `type: [t, 'null']` (and null in an enum); `$ref`s into the spec document. */
function toJsonSchema(schema) {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (!schema || typeof schema !== 'object') return schema;
  const out = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'nullable' || k === 'example' || k === 'examples' || k.startsWith('x-')) continue;
    if (k === '$ref' && typeof v === 'string' && v.startsWith('#/')) out.$ref = 'twilio' + v;
    else if (k === 'properties') {
      out.properties = {};
      for (const [pk, pv] of Object.entries(v)) out.properties[pk] = toJsonSchema(pv);
    } else out[k] = toJsonSchema(v);
  }
  if (schema.nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    else if (Array.isArray(out.type) && !out.type.includes('null')) out.type = [...out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    if (out.$ref) return { anyOf: [{ $ref: out.$ref }, { type: 'null' }] };
  }
  return out;
}

/** Twilio's custom formats as this validator reads them (documented in docs/conformance.md). */
const CUSTOM_FORMATS = {
  'phone-number': 'E.164 (`+` and up to 15 digits), or a channel address (`whatsapp:+…`, `client:…`, `sip:…`), or a SIM/Client identifier',
  endpoint: 'as `phone-number` (the To/From of a Call)',
  'date-time-rfc-2822': '`Mon, 17 Sep 2012 01:13:42 +0000`',
  'http-method': 'an HTTP method in capitals (`GET`, `POST`, …)',
  'iso-country-code': 'two capital letters',
  twiml: 'a string starting with `<`',
  currency: 'three letters (Twilio sends both `USD` and `usd`)',
  'uri-map': 'any object (the schema gives the type)',
  'phone-number-capabilities': 'any object',
  'ice-server': 'any object',
};

const E164_OR_ADDRESS = /^(\+?[0-9]{1,15}|[a-z][a-z0-9+.-]*:.+|[A-Za-z0-9_.@-]+)$/;
function makeAjv() {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addFormat('phone-number', E164_OR_ADDRESS);
  ajv.addFormat('endpoint', E164_OR_ADDRESS);
  ajv.addFormat('date-time-rfc-2822', /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$/);
  ajv.addFormat('http-method', /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/);
  ajv.addFormat('iso-country-code', /^[A-Z]{2}$/);
  ajv.addFormat('twiml', /^\s*</);
  ajv.addFormat('currency', /^[A-Za-z]{3}$/);
  for (const f of ['uri-map', 'phone-number-capabilities', 'ice-server']) ajv.addFormat(f, { type: 'object', validate: () => true });
  return ajv;
}

/**
 * The spec document ajv compiles against: components.schemas converted, with the recorded
 * differences (test/conformance/spec-differences.json) applied where `tolerate` says so.
 */
function buildSchemaDocument(differences) {
  const spec = loadSpec();
  const doc = JSON.parse(JSON.stringify({ components: spec.components, paths: spec.paths }));
  for (const d of differences || []) {
    const original = pointerGet(doc, d.pointer);
    if (original === undefined || !differenceStillInSpec(d)) continue; // reported by the differences test
    pointerSet(doc, d.pointer, { anyOf: [original, d.also] });
  }
  return { $id: 'twilio', components: { schemas: toJsonSchema(doc.components.schemas) }, paths: doc.paths };
}

/**
 * A recorded difference (test/conformance/spec-differences.json) is
 * `{pointer, spec, also, reason}`: the schema at `pointer` in the installed spec still has
 * every key of `spec` with that value (`null` = key absent), and the validator accepts a
 * value there when it matches the original schema or `also`.
 */
function differenceStillInSpec(d) {
  const target = pointerGet(loadSpec(), d.pointer);
  if (!target || typeof target !== 'object') return false;
  return Object.entries(d.spec).every(([k, v]) =>
    v === null ? !(k in target) : JSON.stringify(target[k]) === JSON.stringify(v));
}

class SpecValidators {
  constructor(options = {}) {
    this.differences = options.strict ? [] : loadDifferences();
    this.ajv = makeAjv();
    this.doc = buildSchemaDocument(this.differences);
    this.ajv.addSchema({ $id: 'twilio', components: this.doc.components });
    this.cache = new Map();
  }

  compile(key, schema) {
    if (!this.cache.has(key)) this.cache.set(key, this.ajv.compile(toJsonSchema(schema)));
    return this.cache.get(key);
  }

  /** The (patched) spec operation for a catalog operation. */
  specOperation(op) {
    return this.doc.paths[op.path][op.method.toLowerCase()];
  }

  /** Validate a response body: returns [] or a list of `pointer: message` strings. */
  validateResponse(op, status, body) {
    const specOp = this.specOperation(op);
    const resp = specOp.responses[String(status)];
    if (!resp) return [`status ${status} is not declared by the spec (declared: ${Object.keys(specOp.responses).join(', ')})`];
    const content = resp.content && resp.content['application/json'];
    if (!content || !content.schema) return body === undefined || body === '' || body === null ? [] : ['the spec declares no body'];
    const v = this.compile(`${op.method} ${op.path} ${status}`, content.schema);
    return v(body) ? [] : v.errors.map(ajvMessage);
  }

  /** Declared path, query and form parameters of an operation. */
  declared(op) {
    const specOp = this.specOperation(op);
    const params = specOp.parameters || [];
    const form = specOp.requestBody && specOp.requestBody.content && specOp.requestBody.content[FORM];
    return {
      path: params.filter((p) => p.in === 'path'),
      query: params.filter((p) => p.in === 'query'),
      form: form ? form.schema : undefined,
    };
  }

  /**
   * Validate one captured raw request ({method, path, query, body}) against the operation:
   * path parameters, every query key and every form key must be declared and each value
   * must match its declared schema (type, format, pattern, enum, bounds); required form
   * parameters and the catalog's conditional groups must be present.
   */
  validateRequest(op, raw) {
    const errors = [];
    const decl = this.declared(op);
    if (raw.method !== op.method) errors.push(`method ${raw.method}, expected ${op.method}`);
    // path
    const names = [];
    const re = new RegExp('^' + op.path.replace(/[.]/g, '\\.').replace(/\{([^}]+)\}/g, (_, n) => (names.push(n), '([^/]+)')) + '$');
    const m = re.exec(raw.path);
    if (!m) errors.push(`path ${raw.path} does not match ${op.path}`);
    else {
      names.forEach((n, i) => {
        const p = decl.path.find((x) => x.name === n);
        const value = decodeURIComponent(m[i + 1]);
        errors.push(...this.validateValues(`path ${n}`, p ? p.schema : {}, [value], `${op.path} ${n}`));
      });
    }
    // query
    const query = groupParams(raw.query || '');
    for (const [name, values] of query) {
      const p = decl.query.find((x) => x.name === name);
      if (!p) { errors.push(`query ${name}: not a parameter of ${op.method} ${op.path}`); continue; }
      errors.push(...this.validateValues(`query ${name}`, p.schema, values, `${op.path} q ${name}`));
    }
    for (const p of decl.query) if (p.required && !query.has(p.name)) errors.push(`query ${p.name}: required`);
    // form
    const form = groupParams(op.method === 'POST' ? raw.body || '' : '');
    if (op.method !== 'POST' && raw.body) errors.push(`${op.method} with a body`);
    const fschema = decl.form;
    for (const [name, values] of form) {
      const ps = fschema && fschema.properties && fschema.properties[name];
      if (!ps) { errors.push(`form ${name}: not a parameter of ${op.method} ${op.path}`); continue; }
      errors.push(...this.validateValues(`form ${name}`, ps, values, `${op.path} f ${name}`));
    }
    for (const name of (fschema && fschema.required) || []) if (!form.has(name)) errors.push(`form ${name}: required`);
    for (const group of op.conditional || []) {
      if (!group.some((n) => form.has(n))) errors.push(`form: one of ${group.join(', ')} is required`);
    }
    return errors;
  }

  validateValues(where, schema, values, key) {
    const s = schema || {};
    const isArray = s.type === 'array';
    if (!isArray && values.length > 1) return [`${where}: repeated ${values.length} times, the spec declares one value`];
    const v = this.compile(key, s);
    const data = isArray ? values.map((x) => coerce(s.items || {}, x)) : coerce(s, values[0]);
    return v(data) ? [] : v.errors.map((e) => `${where}=${JSON.stringify(isArray ? values : values[0])}: ${ajvMessage(e)}`);
  }
}

function ajvMessage(e) {
  return `${e.instancePath || '/'} ${e.message}${e.params && e.params.allowedValues ? ' ' + JSON.stringify(e.params.allowedValues) : ''}`;
}

/** Query strings and form bodies carry strings; read them as the declared type would. */
function coerce(schema, value) {
  const s = schema || {};
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  if (type === 'integer' && /^-?\d+$/.test(value)) return Number(value);
  if (type === 'number' && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(value)) return Number(value);
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  if (type === 'object') { try { return JSON.parse(value); } catch (e) { return value; } }
  return value;
}

/** `a=1&b=2&a=3` → Map {a: ['1','3'], b: ['2']} (form decoding: `+` is a space). */
function groupParams(text) {
  const out = new Map();
  for (const [k, v] of new URLSearchParams(text)) {
    if (!out.has(k)) out.set(k, []);
    out.get(k).push(v);
  }
  return out;
}

/** The first example of the operation's success response (what Prism's static mode answers). */
function successExample(entry) {
  const resp = entry.specOp.responses[String(entry.op.status)];
  const content = resp && resp.content && resp.content['application/json'];
  if (!content || !content.examples) return undefined;
  const first = Object.values(content.examples)[0];
  return first && first.value;
}

module.exports = {
  CUSTOM_FORMATS, ROOT, SPEC_FILE, CATALOG_FILE, DIFFERENCES_FILE, FORM,
  loadSpec, loadCatalog, loadDifferences, differenceStillInSpec, operations, successExample,
  pointerGet, pointerSet, escapePointer, toJsonSchema, makeAjv, groupParams, coerce,
  SpecValidators,
};

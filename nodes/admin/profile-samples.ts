// The editor's profile preview: sample request and response documents for an operation,
// written by the same XML writer the nodes use for output.
import type { CatalogObject, Operation, Param, RecordSchema } from '../catalog/types';
import { loadCatalog, schemaOf } from '../catalog/catalog';
import { convertRecordDates } from '../request/dates';
import { selectFields } from '../response/record-fields';
import { escapeAttribute, listElementOf, pageToTwilioXml, toTwilioXml } from '../response/twilio-xml';
import { snakeCase } from '../catalog/names';

const SAMPLE_DATE = 'Mon, 17 Sep 2012 01:13:42 +0000';
const ZEROS = '0'.repeat(32);

function prefixOf(pattern: string | undefined): string | undefined {
  const m = pattern && /^\^\(?([A-Z]{2})/.exec(pattern);
  return m ? m[1] : undefined;
}

let globalPrefixes: Map<string, string> | undefined;

/** Sid prefixes by snake_case name (call_sid → CA), from every Sid pattern in the catalog. */
function prefixesByName(): Map<string, string> {
  if (globalPrefixes) return globalPrefixes;
  const map = new Map<string, string>();
  const add = (name: string, pattern?: string) => {
    const prefix = prefixOf(pattern);
    const key = snakeCase(name);
    if (prefix && key !== 'sid' && !map.has(key)) map.set(key, prefix);
  };
  for (const obj of Object.values(loadCatalog().objects)) {
    for (const op of Object.values(obj.actions)) {
      if (!op) continue;
      for (const part of op.chain) add(part.name, part.pattern);
      for (const p of [...(op.params || []), ...(op.filters || [])]) add(p.name, p.pattern);
    }
  }
  globalPrefixes = map;
  return map;
}

/** This object's own Sid patterns, by the record field holding them (its `sid` among them). */
function ownPrefixes(obj: CatalogObject): Map<string, string> {
  const map = new Map<string, string>();
  for (const op of Object.values(obj.actions)) {
    for (const part of op ? op.chain : []) {
      const prefix = prefixOf(part.pattern);
      if (part.field && prefix) map.set(part.field, prefix);
    }
  }
  return map;
}

function sampleScalar(name: string, type: string, format: string | undefined, enumValues: string[] | undefined, own: Map<string, string>): unknown {
  if (enumValues && enumValues.length) return enumValues[0];
  switch (type) {
    case 'boolean': return false;
    case 'integer': return 0;
    case 'number': return 0.5;
    case 'object':
      if (format === 'uri-map') return { sample: '/2010-04-01/Accounts/AC00000000000000000000000000000000/Sample.json' };
      if (format === 'phone-number-capabilities') return { voice: true, sms: true, mms: true, fax: false };
      return {};
    case 'array': return format === 'ice-server' ? [{ urls: 'stun:global.stun.twilio.com:3478' }] : [];
    default: break;
  }
  switch (format) {
    case 'date-time-rfc-2822': return SAMPLE_DATE;
    case 'date-time': return '2012-09-17T01:13:42Z';
    case 'date': return '2012-09-17';
    case 'phone-number': case 'endpoint': return '+15005550006';
    case 'uri': return 'https://example.com/sample';
    case 'http-method': return 'POST';
    case 'currency': return 'USD';
    case 'iso-country-code': return 'US';
    case 'twiml': return '<Response><Say>Hello</Say></Response>';
    default: break;
  }
  const key = snakeCase(name);
  const prefix = own.get(key) || prefixesByName().get(key);
  if (prefix) return prefix + ZEROS;
  return /sid$/.test(key) ? `XX${ZEROS}` : 'string';
}

/** A record shaped like the schema, every field present. */
export function sampleRecord(schema: RecordSchema, obj?: CatalogObject): Record<string, unknown> {
  const own = obj ? ownPrefixes(obj) : new Map<string, string>();
  const rec: Record<string, unknown> = {};
  for (const f of schema.fields) rec[f.name] = sampleScalar(f.name, f.type, f.format, f.enum, own);
  return rec;
}

/** A request document: every parameter with a sample value (arrays with one). */
export function sampleRequest(params: Param[]): Record<string, unknown> {
  const doc: Record<string, unknown> = {};
  const none = new Map<string, string>();
  for (const p of params) {
    const v = p.pattern && prefixOf(p.pattern) ? prefixOf(p.pattern) + ZEROS : sampleScalar(p.name, p.type, p.format, p.enum, none);
    doc[p.name] = p.array ? [v] : v;
  }
  return doc;
}

/** The request XML Create and Update accept: the object element, one child per parameter. */
function requestXml(element: string, doc: Record<string, unknown>): string {
  let out = `<${element}>\n`;
  for (const [name, value] of Object.entries(doc)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      const text = v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v);
      out += `  <${name}>${escapeAttribute(text)}</${name}>\n`;
    }
  }
  return out + `</${element}>`;
}

/** One element per line, leaves kept whole: the writer's compact XML made readable. */
export function indentXml(xml: string): string {
  const tokens = xml.match(/<[^>]+>|[^<]+/g) || [];
  let depth = 0;
  let out = '';
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    const pad = '  '.repeat(depth);
    if (tok.startsWith('</')) {
      depth = Math.max(0, depth - 1);
      out += '  '.repeat(depth) + tok + '\n';
    } else if (tok.startsWith('<') && !tok.endsWith('/>')) {
      const text = tokens[i + 1];
      const close = tokens[i + 2];
      if (text !== undefined && !text.startsWith('<') && close && close.startsWith('</')) {
        out += pad + tok + text + close + '\n';
        i += 2;
      } else if (text && text.startsWith('</')) {
        out += pad + tok + text + '\n';
        i += 1;
      } else {
        out += pad + tok + '\n';
        depth++;
      }
    } else if (tok.startsWith('<')) {
      out += pad + tok + '\n';
    } else if (tok.trim()) {
      out += pad + tok.trim() + '\n';
    }
  }
  return out.trimEnd();
}

/** How the node shapes its output, so the preview shows what it will send. */
export interface SampleOptions {
  /** the checked fields; empty or missing = all */
  fields?: readonly string[];
  dates?: 'rfc2822' | 'iso';
  /** 'json': the documents as JSON (always so for an operation with a JSON body); else XML */
  format?: 'json' | 'xml';
}

/** The object's record element: its own response's, else another action's (a Delete has none). */
function elementOf(obj: CatalogObject, op: Operation): string {
  for (const candidate of [op, obj.actions.get, obj.actions.query, obj.actions.create, obj.actions.update]) {
    const schema = candidate ? schemaOf(candidate) : undefined;
    if (schema) return schema.element;
  }
  return obj.label.replace(/[^A-Za-z0-9]/g, '');
}

/** A Delete's request: the Sid chain it takes, one element per part (`<Sid>SM000…</Sid>`). */
function sampleChain(op: Operation): Record<string, unknown> {
  const doc: Record<string, unknown> = {};
  for (const part of op.chain) {
    const prefix = prefixOf(part.pattern) || prefixesByName().get(snakeCase(part.name));
    doc[part.name] = prefix ? prefix + ZEROS : part.name;
  }
  return doc;
}

/** The same samples as JSON: the request document and the record (a page's records as an array). */
function jsonSamples(op: Operation, schema: RecordSchema | undefined, obj: CatalogObject, opts: SampleOptions): { request?: string; response?: string } {
  const samples: { request?: string; response?: string } = {};
  if (op.params) samples.request = JSON.stringify(sampleRequest(op.params), null, 2);
  else if (op.method === 'DELETE') samples.request = JSON.stringify(sampleChain(op), null, 2);
  if (schema) {
    let record: Record<string, unknown> = selectFields(sampleRecord(schema, obj), opts.fields);
    if (opts.dates === 'iso') record = convertRecordDates(record, schema);
    samples.response = JSON.stringify(op.recordKey ? [record] : record, null, 2);
  }
  return samples;
}

/** Sample request (Create/Update/Delete) and response documents for one operation. */
export function profileSamples(obj: CatalogObject, op: Operation, opts: SampleOptions = {}): { request?: string; response?: string } {
  const schema = schemaOf(op);
  const element = elementOf(obj, op);
  const samples: { request?: string; response?: string } = {};
  if (opts.format === 'json' || op.bodyType === 'json') return jsonSamples(op, schema, obj, opts);
  if (op.params) samples.request = requestXml(element, sampleRequest(op.params));
  else if (op.method === 'DELETE') samples.request = requestXml(element, sampleChain(op));
  if (schema) {
    let record: Record<string, unknown> = selectFields(sampleRecord(schema, obj), opts.fields);
    if (opts.dates === 'iso') record = convertRecordDates(record, schema);
    samples.response = indentXml(op.recordKey
      ? pageToTwilioXml([record], schema, listElementOf(op.recordKey), { page: 0, pageSize: 50, start: 0, end: 0 })
      : toTwilioXml(record, schema));
  }
  return samples;
}

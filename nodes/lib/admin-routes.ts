// The editor's admin routes, all in one place: the object list, an object's detail (the
// Import panel) and Test connection. Each is a middleware chain — permission, then (where a
// config node is referenced) the deployed node or a 503 — then the handler.
import type { Action, CatalogObject, Field, Operation, Param } from './catalog-types';
import { ACTIONS } from './catalog-types';
import { findObject, objectsFor, schemaOf } from './catalog';
import type { RecordSchema } from './catalog-types';
import { checkBaseUrl } from './client';
import { testConnection, ConnectionInput, ConnectionTestError } from './connection-test';
import * as fs from 'fs';
import * as path from 'path';

type Req = {
  params: Record<string, string>;
  query: Record<string, unknown>;
  body?: unknown;
};
type Res = {
  status(code: number): Res;
  json(body: unknown): void;
};
type Next = (err?: unknown) => void;
type Handler = (req: Req, res: Res, next: Next) => void;

/** The part of Node-RED's runtime API the routes use. */
export interface AdminRED {
  httpAdmin: { get(path: string, ...h: Handler[]): void; post(path: string, ...h: Handler[]): void };
  auth: { needsPermission(permission: string): Handler };
  nodes: {
    getNode(id: string): unknown;
    getCredentials?(id: string): Record<string, unknown> | undefined;
  };
  log?: { warn(msg: string): void };
}

const registered = new WeakSet<object>();

type Tree = { [key: string]: string | Tree };
let texts: Tree | undefined;

/** Texts of the admin routes: section "admin" of the twilio-account message catalog. */
export function adminText(key: string, vars: Record<string, unknown> = {}): string {
  if (!texts) {
    const file = path.join(__dirname, '..', 'locales', 'en-US', 'twilio-account.json');
    texts = (JSON.parse(fs.readFileSync(file, 'utf8')).admin || {}) as Tree;
  }
  let node: string | Tree | undefined = texts;
  for (const k of key.split('.')) node = typeof node === 'object' ? node[k] : undefined;
  const text = typeof node === 'string' ? node : key;
  return text.replace(/__(\w+)__/g, (m, name) => (name in vars ? String(vars[name]) : m));
}

// ---- sample profiles: what a request and a response document look like ----

const SAMPLE_DATE = 'Mon, 17 Sep 2012 01:13:42 +0000';

function sidPrefixFor(name: string): string {
  const known: Record<string, string> = {
    account: 'AC', call: 'CA', conference: 'CF', message: 'SM', messaging_service: 'MG', recording: 'RE',
    application: 'AP', queue: 'QU', address: 'AD', domain: 'SD', credential_list: 'CL', credential: 'CR',
    ip_access_control_list: 'AL', ip_address: 'IP', transcription: 'TR', notification: 'NO', key: 'SK',
    phone_number: 'PN', connect_app: 'CN', content: 'HX', identity: 'RI', emergency_address: 'AD',
    trunk: 'TK', bundle: 'BU', payment: 'PK', reference: 'RE', add_on_result: 'XR', payload: 'XH',
  };
  const base = name.replace(/_?sid$/i, '').replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
  return known[base] || 'XX';
}

function sampleScalar(name: string, type: string, format: string | undefined, enumValues?: string[]): unknown {
  if (enumValues && enumValues.length) return enumValues[0];
  switch (type) {
    case 'boolean': return false;
    case 'integer': return 0;
    case 'number': return 0.0;
    case 'object': return format === 'uri-map' ? { sample: '/2010-04-01/Accounts/AC00000000000000000000000000000000/Sample.json' } : {};
    case 'array': return [];
  }
  switch (format) {
    case 'date-time-rfc-2822': return SAMPLE_DATE;
    case 'date-time': return '2012-09-17T01:13:42Z';
    case 'date': return '2012-09-17';
    case 'phone-number': return '+15005550006';
    case 'uri': return 'https://example.com/sample';
    case 'http-method': return 'POST';
    case 'currency': return 'USD';
    case 'iso-country-code': return 'US';
  }
  if (/sid$/i.test(name)) return sidPrefixFor(name) + '0'.repeat(32);
  return 'string';
}

/** A record shaped like the schema, every field present, for the response profile preview. */
export function sampleRecord(schema: RecordSchema, patterns: Record<string, string> = {}): Record<string, unknown> {
  const rec: Record<string, unknown> = {};
  for (const f of schema.fields) {
    const prefix = patterns[f.name] && /^\^\(?([A-Z]{2})/.exec(patterns[f.name]);
    rec[f.name] = prefix && f.type === 'string' ? prefix[1] + '0'.repeat(32) : sampleScalar(f.name, f.type, f.format, f.enum);
  }
  return rec;
}

/** Sid patterns of the object's chain parts, by the record field holding them. */
function fieldPatterns(obj: CatalogObject): Record<string, string> {
  const out: Record<string, string> = {};
  for (const op of Object.values(obj.actions)) {
    for (const part of op ? op.chain : []) if (part.field && part.pattern) out[part.field] = part.pattern;
  }
  return out;
}

/** One element per line, leaves kept whole: the writer's compact XML made readable. */
export function indentXml(xml: string): string {
  if (xml.includes('\n')) return xml;
  const tokens = xml.match(/<[^>]+>|[^<]+/g) || [];
  let depth = 0;
  let out = '';
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    const pad = '  '.repeat(depth);
    if (/^<\//.test(tok)) {
      depth = Math.max(0, depth - 1);
      out += '  '.repeat(depth) + tok + '\n';
    } else if (/^<[^?!].*[^/]>$/.test(tok) || /^<[^?!/][^>]*>$/.test(tok) && !tok.endsWith('/>')) {
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

export function sampleRequest(params: Param[]): Record<string, unknown> {
  const doc: Record<string, unknown> = {};
  for (const p of params) {
    const v = sampleScalar(p.name, p.type, p.format, p.enum);
    doc[p.name] = p.array ? [v] : v;
  }
  return doc;
}

export function pascalCase(name: string): string {
  return name.split('_').map((w) => (w ? w[0].toUpperCase() + w.slice(1) : w)).join('');
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function xmlElements(value: Record<string, unknown>, indent: string, keyName: (k: string) => string): string {
  let out = '';
  for (const [k, v] of Object.entries(value)) {
    const tag = keyName(k);
    for (const item of Array.isArray(v) ? (v.length ? v : [undefined]) : [v]) {
      if (item === undefined) out += `${indent}<${tag}/>\n`;
      else if (item === null) out += `${indent}<${tag} nil="true"/>\n`;
      else if (typeof item === 'object') {
        // keys of free-form maps are kept verbatim
        const inner = xmlElements(item as Record<string, unknown>, indent + '  ', (x) => x);
        out += inner ? `${indent}<${tag}>\n${inner}${indent}</${tag}>\n` : `${indent}<${tag}/>\n`;
      } else out += `${indent}<${tag}>${escapeXml(String(item))}</${tag}>\n`;
    }
  }
  return out;
}

type XmlWriter = (record: unknown, schema: RecordSchema) => string;
let xmlWriter: XmlWriter | null | undefined;

/** The project's own XML writer (nodes/lib/xml.ts) when present, so the preview matches output. */
function projectXmlWriter(): XmlWriter | null {
  if (xmlWriter === undefined) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-var-requires
      const mod = require('./xml') as { toTwilioXml?: XmlWriter };
      xmlWriter = typeof mod.toTwilioXml === 'function' ? mod.toTwilioXml : null;
    } catch {
      xmlWriter = null;
    }
  }
  return xmlWriter;
}

/**
 * Sample XML for the profile preview. A request is the bare object element (what Create and
 * Update accept); a response is wrapped in TwilioResponse, a query's in its list element.
 */
export function sampleXml(element: string, record: Record<string, unknown>, schema: RecordSchema | undefined, request: boolean, recordKey?: string): string {
  if (request) return `<${element}>\n${xmlElements(record, '  ', (k) => k)}</${element}>`;
  const writer = projectXmlWriter();
  if (writer && schema && !recordKey) {
    try {
      const xml = writer(record, schema);
      if (typeof xml === 'string' && xml) return indentXml(xml);
    } catch {
      /* fall back to the built-in preview */
    }
  }
  const body = xmlElements(record, recordKey ? '      ' : '    ', pascalCase);
  if (recordKey) {
    const list = pascalCase(recordKey);
    return `<TwilioResponse>\n  <${list} page="0" pagesize="50" nextpageuri="">\n    <${element}>\n${body}    </${element}>\n  </${list}>\n</TwilioResponse>`;
  }
  return `<TwilioResponse>\n  <${element}>\n${body}  </${element}>\n</TwilioResponse>`;
}

/** The Sid chain as people write it: `[AccountSid:]ConferenceSid:CallSid`. */
export function chainHint(op: Operation): string {
  const parts = op.chain.map((p) => p.name).join(':');
  if (!op.accountScoped) return parts;
  return parts ? `[AccountSid:]${parts}` : '[AccountSid]';
}

function summaryOf(obj: CatalogObject) {
  return { id: obj.id, label: obj.label, group: obj.group, actions: ACTIONS.filter((a) => obj.actions[a]) };
}

function fieldView(f: Field) {
  return { name: f.name, type: f.type, format: f.format, nullable: f.nullable, enum: f.enum, items: f.items, description: f.description };
}

function paramView(p: Param & { dateOps?: boolean }) {
  return {
    name: p.name,
    type: p.type,
    format: p.format,
    required: !!p.required,
    enum: p.enum,
    array: !!p.array,
    pattern: p.pattern,
    description: p.description,
    dateOps: p.dateOps ? true : undefined,
  };
}

/** What the editor's Import needs to know about one action of an object. */
export function actionDetail(obj: CatalogObject, action: Action) {
  const op = obj.actions[action]!;
  const schema = schemaOf(op);
  const conditional = op.conditional || [];
  const inGroup = new Set(conditional.flat());
  const detail: Record<string, unknown> = {
    action,
    method: op.method,
    path: op.path,
    summary: op.summary,
    accountScoped: op.accountScoped,
    chain: op.chain.map((p) => ({ name: p.name, pattern: p.pattern })),
    chainHint: chainHint(op),
    needsSid: op.chain.length > 0,
    status: op.status,
    element: schema ? schema.element : undefined,
    identity: schema ? schema.identity : undefined,
    recordKey: op.recordKey,
    fields: schema ? schema.fields.map(fieldView) : [],
  };
  if (op.filters) detail.filters = op.filters.map(paramView);
  if (op.params) {
    detail.params = op.params.map((p) => ({ ...paramView(p), conditional: inGroup.has(p.name) || undefined }));
    detail.conditional = conditional;
  }
  const samples: Record<string, string> = {};
  const element = schema ? schema.element : pascalCase(obj.label.replace(/\W+/g, '_'));
  if (op.params) samples.request = sampleXml(element, sampleRequest(op.params), undefined, true);
  if (schema) samples.response = sampleXml(element, sampleRecord(schema, fieldPatterns(obj)), schema, false, action === 'query' ? op.recordKey : undefined);
  detail.samples = samples;
  return detail;
}

function sendError(res: Res, status: number, key: string, vars: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  res.status(status).json({ error: adminText(`errors.${key}`, vars), key, ...extra });
}

function actionParam(req: Req, res: Res): Action | null | undefined {
  const raw = req.query.action;
  if (raw === undefined || raw === '') return null;
  if (typeof raw !== 'string' || !(ACTIONS as readonly string[]).includes(raw)) {
    sendError(res, 400, 'unknownAction', { action: String(raw) });
    return undefined;
  }
  return raw as Action;
}

function listObjects(req: Req, res: Res) {
  const action = actionParam(req, res);
  if (action === undefined) return;
  const list = action
    ? objectsFor(action)
    : ACTIONS.reduce<CatalogObject[]>((all, a) => {
        for (const o of objectsFor(a)) if (!all.includes(o)) all.push(o);
        return all;
      }, []);
  res.json(list.map(summaryOf).sort((a, b) => a.group.localeCompare(b.group) || a.label.localeCompare(b.label)));
}

function objectDetail(req: Req, res: Res) {
  const action = actionParam(req, res);
  if (action === undefined) return;
  const obj = findObject(req.params.id);
  if (!obj) return sendError(res, 404, 'unknownObject', { object: req.params.id });
  if (action && !obj.actions[action]) return sendError(res, 404, 'unsupportedAction', { object: obj.id, action });
  const actions: Record<string, unknown> = {};
  for (const a of action ? [action] : ACTIONS.filter((x) => obj.actions[x])) actions[a] = actionDetail(obj, a);
  res.json({ id: obj.id, label: obj.label, group: obj.group, description: obj.description, actions });
}

function str(v: unknown): string {
  return typeof v === 'string' ? v.trim() : '';
}

/** The deployed account node's connection settings (its AccountService options). */
function deployedSettings(node: Record<string, unknown>) {
  const service = node.service as { options?: Record<string, unknown> } | undefined;
  const options = (service && service.options) || {};
  return { baseUrl: str(options.baseUrl), region: str(options.region), edge: str(options.edge) };
}

/** A base URL as the account node keeps it, so the dialog's and the deployed one compare. */
function normaliseUrl(u: string): string {
  if (!u) return '';
  try {
    return checkBaseUrl(u);
  } catch {
    return u.replace(/\/+$/, '');
  }
}

function makeTestConnection(RED: AdminRED): Handler {
  return (req, res) => {
    const body = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
    const authType = str(body.authType) === 'apikey' ? 'apikey' : 'token';
    const secretName = authType === 'apikey' ? 'apiKeySecret' : 'authToken';
    const typedSecret = str(body[secretName]);
    const storedMarker = typedSecret === '' || typedSecret === '__PWRD__';
    const input: ConnectionInput = {
      authType,
      accountSid: str(body.accountSid),
      apiKeySid: str(body.apiKeySid),
      baseUrl: str(body.baseUrl),
      region: str(body.region),
      edge: str(body.edge),
      timeout: Number(body.timeout) > 0 ? Number(body.timeout) : undefined,
    };
    if (!storedMarker) {
      input[secretName] = typedSecret;
    } else {
      // Stored secrets go only where the deployed node sends them.
      const id = str(body.id);
      if (!id) return sendError(res, 400, 'missingSecret');
      const node = RED.nodes.getNode(id) as Record<string, unknown> | null | undefined;
      if (!node) return sendError(res, 503, 'notDeployed', { id });
      const deployed = deployedSettings(node);
      if (
        normaliseUrl(deployed.baseUrl) !== normaliseUrl(input.baseUrl || '') ||
        deployed.region !== input.region ||
        deployed.edge !== input.edge
      ) {
        return sendError(res, 400, 'retypeSecret');
      }
      const stored = (RED.nodes.getCredentials && RED.nodes.getCredentials(id)) || (node.credentials as Record<string, unknown>) || {};
      const secret = str(stored[secretName]);
      if (!secret) return sendError(res, 400, 'missingSecret');
      input[secretName] = secret;
      if (!input.accountSid) input.accountSid = str(stored.accountSid);
      if (authType === 'apikey' && !input.apiKeySid) input.apiKeySid = str(stored.apiKeySid);
    }
    testConnection(input)
      .then((result) => res.json(result))
      .catch((err: unknown) => {
        if (err instanceof ConnectionTestError) return sendError(res, err.status, err.key, err.vars);
        const e = err as { message?: string; code?: unknown };
        res.status(502).json({ error: String((e && e.message) || err), code: e && e.code, key: 'transport' });
      });
  };
}

/** Registers the routes once per runtime. Called by the twilio-account node file. */
export function registerAdminRoutes(RED: AdminRED): void {
  if (registered.has(RED.httpAdmin)) return;
  registered.add(RED.httpAdmin);
  const read = RED.auth.needsPermission('twilio-account.read');
  const write = RED.auth.needsPermission('twilio-account.write');
  RED.httpAdmin.get('/twilio/objects', read, listObjects as Handler);
  RED.httpAdmin.get('/twilio/objects/:id', read, objectDetail as Handler);
  RED.httpAdmin.post('/twilio/test-connection', write, makeTestConnection(RED));
}

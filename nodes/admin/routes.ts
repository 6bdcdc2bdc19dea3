// The editor's admin routes, all in one place: the object list, an object's detail (the
// Import panel), its response profile for the checked fields, and Test connection. Each is a
// middleware chain — permission, then (where a config node is referenced) the deployed node or
// a 503 — then the handler.
import type { Action, CatalogObject, Field, IndexedObject, Param } from '../catalog/types';
import { ACTIONS } from '../catalog/types';
import { findObject, indexedFor, loadIndex, schemaOf } from '../catalog/catalog';
import { checkBaseUrl } from '../twilio/host-rule';
import { testConnection, ConnectionInput, ConnectionTestError } from './connection-test';
import { catalogSection } from '../common/i18n';
import { profileSamples } from './profile-samples';
import { chainHint } from '../request/sid-chain';
import { checkStaticValue, CheckKind } from './value-check';

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

/** Texts of the admin routes: section "admin" of the twilio-account message catalog. */
export const adminText = catalogSection('admin');

/**
 * One entry of the object picker, from the index alone (no product file is read): its product
 * (key and label), the object it lives under and the id's path words, so the picker can group
 * by product, then by path hierarchy.
 */
function summaryOf(o: IndexedObject & { id: string }) {
  const product = loadIndex().products[o.product];
  const summary: Record<string, unknown> = {
    id: o.id, label: o.label, group: o.group, actions: ACTIONS.filter((a) => o.actions.includes(a)),
    product: o.product, productLabel: product ? product.label : o.product,
    path: o.id.slice(o.product.length + 1).split('.'),
  };
  if (o.parent) summary.parent = o.parent;
  return summary;
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
    range: (p as { range?: unknown }).range,
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
    chainHint: chainHint(obj, op),
    needsSid: op.chain.length > 0,
    status: op.status,
    element: schema ? schema.element : undefined,
    identity: schema ? schema.identity : undefined,
    recordKey: op.recordKey,
    fields: schema ? schema.fields.map(fieldView) : [],
  };
  if (op.filters) detail.filters = op.filters.map(paramView);
  if (op.query) detail.query = op.query.map(paramView);
  if (op.bodyType) detail.bodyType = op.bodyType;
  if (op.params) {
    detail.params = op.params.map((p) => ({ ...paramView(p), conditional: inGroup.has(p.name) || undefined }));
    detail.conditional = conditional;
  }
  if (op.content) detail.content = op.content.formats.slice();
  detail.samples = profileSamples(obj, op);
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
  const list = action ? indexedFor(action) : Object.entries(loadIndex().objects).map(([id, o]) => ({ id, ...o }));
  // v2010 first (its groups as before), then the products by name; inside, by label.
  const rank = (o: IndexedObject) => (o.product === 'api.v2010' ? 0 : 1);
  res.json(list.sort((a, b) => rank(a) - rank(b) || a.group.localeCompare(b.group) || a.label.localeCompare(b.label)).map(summaryOf));
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

/**
 * The response profile as the node will shape it: only the checked fields, its date style; as
 * JSON for `format=json` or an operation with a JSON body.
 */
function objectProfile(req: Req, res: Res) {
  const action = actionParam(req, res);
  if (action === undefined) return;
  const obj = findObject(req.params.id);
  if (!obj) return sendError(res, 404, 'unknownObject', { object: req.params.id });
  if (!action || !obj.actions[action]) return sendError(res, 404, 'unsupportedAction', { object: obj.id, action: String(action || '') });
  const raw = typeof req.query.fields === 'string' ? req.query.fields : '';
  const fields = raw.split(',').map((f) => f.trim()).filter(Boolean);
  const format = req.query.format === 'json' ? 'json' : 'xml';
  res.json(profileSamples(obj, obj.actions[action]!, { fields, dates: req.query.dates === 'iso' ? 'iso' : 'rfc2822', format }));
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
    // A new node with no secret typed has nothing stored either: ask for what is missing.
    if (typedSecret === '' && str(body.id) && !RED.nodes.getNode(str(body.id))) {
      return sendError(res, 400, authType === 'apikey' ? 'missingKeyCredentials' : 'missingCredentials');
    }
    // The dialog holds the SIDs (text credentials); an empty one is named before any secret.
    if (authType === 'apikey' && !input.apiKeySid) return sendError(res, 400, 'missingApiKeySid');
    if (!storedMarker) {
      input[secretName] = typedSecret;
    } else {
      // Stored secrets go only where the deployed node sends them.
      const id = str(body.id);
      const missingSecret = authType === 'apikey' ? 'missingApiKeySecret' : 'missingAuthToken';
      if (!id) return sendError(res, 400, missingSecret);
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
      if (!secret) return sendError(res, 400, missingSecret);
      input[secretName] = secret;
      if (!input.accountSid) input.accountSid = str(stored.accountSid);
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

/** A static value of the dialog, checked by the runtime's parsers: {ok} or {ok: false, reason}. */
function checkValue(req: Req, res: Res) {
  const action = actionParam(req, res);
  if (action === undefined) return;
  const obj = findObject(req.params.id);
  if (!obj) return sendError(res, 404, 'unknownObject', { object: req.params.id });
  if (!action || !obj.actions[action]) return sendError(res, 404, 'unsupportedAction', { object: obj.id, action: String(action || '') });
  const q = req.query;
  const kind = (['sid', 'param', 'filter'] as const).find((k) => k === q.kind) as CheckKind | undefined;
  if (!kind) return sendError(res, 400, 'unknownCheck', { kind: String(q.kind) });
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const reason = checkStaticValue(obj, obj.actions[action]!, { kind, name: str(q.name), op: str(q.op), value: str(q.value) });
  res.json(reason === null ? { ok: true } : { ok: false, reason });
}

/** Registers the routes once per runtime. Called by the twilio-account node file. */
export function registerAdminRoutes(RED: AdminRED): void {
  if (registered.has(RED.httpAdmin)) return;
  registered.add(RED.httpAdmin);
  const read = RED.auth.needsPermission('twilio-account.read');
  const write = RED.auth.needsPermission('twilio-account.write');
  RED.httpAdmin.get('/twilio/objects', read, listObjects as Handler);
  RED.httpAdmin.get('/twilio/objects/:id', read, objectDetail as Handler);
  RED.httpAdmin.get('/twilio/objects/:id/profile', read, objectProfile as Handler);
  RED.httpAdmin.get('/twilio/objects/:id/check', read, checkValue as Handler);
  RED.httpAdmin.post('/twilio/test-connection', write, makeTestConnection(RED));
}

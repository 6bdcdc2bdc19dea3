// Generates the catalog from Twilio's OpenAPI descriptions (the twilio-oai project's
// spec/json/*.json, shipped by @twilio-alpha/mcp): one file per product under nodes/catalog/
// (api.v2010.json, verify.v2.json, …) and nodes/catalog/index.json, the small index the
// runtime and editor start from (docs/catalog.md). Run: npm run generate. A test regenerates
// every file and compares with the committed ones.
import * as fs from 'fs';
import * as path from 'path';
import type {
  Action, Catalog, CatalogIndex, CatalogObject, ChainPart, ContentSpec, Field, Filter, Operation, Param, PhoneAlso, RecordSchema,
  ScalarType, Shorthand,
} from '../nodes/catalog/types';
import { snakeCase } from '../nodes/catalog/names';
import { assignIds, baseIdOf, COLLISION_SUFFIX, domainOf, EXCLUDED_FILES, versionOf, type IdAssignment } from './catalog/ids';
import { buildIndex } from './catalog/index-builder';
import { CREDENTIAL_FIELDS, productLabel } from './catalog/products';
import { bodySchemaOf, pairDateRanges } from './catalog/product-shapes';

// The OpenAPI document is walked as plain JSON; the generator checks every field it reads.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed OpenAPI JSON
type Spec = any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed OpenAPI JSON
type Schema = any;

const SPEC_PACKAGE = '@twilio-alpha/mcp';
const SPEC_DIR = 'twilio-oai/spec/json';
const SPEC_FILE = `${SPEC_DIR}/twilio_api_v2010.json`;
const PAGING_PARAMS = new Set(['PageSize', 'Page', 'PageToken']);
const VERBS: Array<[string, Action]> = [
  ['List', 'query'], ['Fetch', 'get'], ['Create', 'create'], ['Update', 'update'], ['Delete', 'delete'],
];
// Which field names a record that has no `sid`, in order of preference.
const IDENTITY_PREFERENCE = [
  'sid', 'phone_number', 'call_sid', 'connect_app_sid', 'country_code', 'message_sid', 'category', 'account_sid', 'redirect_to',
];
// Editor groups, by the object id's first static segment (data, not behaviour).
const GROUPS: Record<string, string> = {
  Messages: 'Messaging', SMS: 'Messaging',
  Calls: 'Voice', Recordings: 'Voice', Transcriptions: 'Voice', Queues: 'Voice', Applications: 'Voice',
  Conferences: 'Conferences',
  IncomingPhoneNumbers: 'Phone numbers', AvailablePhoneNumbers: 'Phone numbers', OutgoingCallerIds: 'Phone numbers',
  Addresses: 'Phone numbers',
  Accounts: 'Account', Balance: 'Account', Keys: 'Account', SigningKeys: 'Account', ConnectApps: 'Account',
  AuthorizedConnectApps: 'Account', Tokens: 'Account', Notifications: 'Account',
  SIP: 'SIP', Usage: 'Usage',
};
// Limits Twilio documents in prose (Message resource docs: a body of at most 1,600
// characters, at most 10 media URLs) but the description does not declare.
// ContentVariables is text holding a JSON object of template variables (Content API docs),
// which the spec types as a plain string: marking it lets a flow pass an object.
const DOCUMENTED_LIMITS: Record<string, Record<string, Partial<Param>>> = {
  CreateMessage: { Body: { maxLength: 1600 }, MediaUrl: { maxItems: 10 }, ContentVariables: { jsonText: true } },
};
// What phone-number parameters and filters take besides a phone number; Twilio's docs say so
// in prose only (Messages: a short code or an alphanumeric sender id as From; IncomingPhoneNumbers:
// "partial numbers and '*' as a wildcard"). See docs/phone-numbers.md.
const PHONE_ALSO: Record<string, Record<string, PhoneAlso[]>> = {
  CreateMessage: { From: ['short-code', 'alphanumeric'] },
  ListMessage: { From: ['short-code', 'alphanumeric'], To: ['short-code'] },
  ListIncomingPhoneNumber: { PhoneNumber: ['partial'] },
  ListIncomingPhoneNumberLocal: { PhoneNumber: ['partial'] },
  ListIncomingPhoneNumberMobile: { PhoneNumber: ['partial'] },
  ListIncomingPhoneNumberTollFree: { PhoneNumber: ['partial'] },
};
// node-red-node-twilio's habit (msg.payload = the text, msg.topic = the number) and the
// account's default sender, as data: which parameter each fills. See docs/migration.md.
const SHORTHANDS: Record<string, Shorthand> = {
  CreateMessage: { text: 'Body', address: 'To', sender: 'From', service: 'MessagingServiceSid' },
};
// Objects whose records have content (audio, media, text) and where Twilio serves it: the
// spec has no paths for these; Twilio's docs (Recording, Media, Transcription resources) do.
// `{format}` is one of `formats`; the path's other names are the Get's Sid chain.
const RECORDING_CONTENT: ContentSpec = { path: '/2010-04-01/Accounts/{AccountSid}/Recordings/{Sid}.{format}', formats: ['mp3', 'wav'] };
const TRANSCRIPTION_CONTENT: ContentSpec = { path: '/2010-04-01/Accounts/{AccountSid}/Transcriptions/{Sid}.{format}', formats: ['txt'] };
const CONTENT: Record<string, ContentSpec> = {
  'api.v2010.Recordings': RECORDING_CONTENT,
  'api.v2010.Calls.Recordings': RECORDING_CONTENT,
  'api.v2010.Conferences.Recordings': RECORDING_CONTENT,
  'api.v2010.Messages.Media': { path: '/2010-04-01/Accounts/{AccountSid}/Messages/{MessageSid}/Media/{Sid}', formats: ['media'] },
  'api.v2010.Transcriptions': TRANSCRIPTION_CONTENT,
  'api.v2010.Recordings.Transcriptions': TRANSCRIPTION_CONTENT,
};
// Record element names Twilio's 2010 XML uses that are not the singular of the list element.
// Keyed by record key, or by object id where one record key (`contents`) names several lists.
const RECORD_ELEMENT_EXCEPTIONS: Record<string, string> = {
  media_list: 'Media',
  'api.v2010.SIP.Domains.Auth.Calls.CredentialListMappings': 'CredentialListMapping',
  'api.v2010.SIP.Domains.Auth.Calls.IpAccessControlListMappings': 'IpAccessControlListMapping',
  'api.v2010.SIP.Domains.Auth.Registrations.CredentialListMappings': 'CredentialListMapping',
};
// Words the label maker keeps as they are (not plural, or not English plurals).
const SINGULAR_AS_IS = new Set(['Media', 'Data', 'Siprec', 'Feedback', 'Balance', 'SMS', 'SIP', 'Usage', 'Auth', 'Calls.Events']);
const LABEL_WORDS: Record<string, string> = {
  SMS: '', SIP: 'SIP', IpAccessControlLists: 'IP Access Control List', IpAccessControlListMappings: 'IP Access Control List Mapping',
  IpAddresses: 'IP Address', AddOnResults: 'Add-on Result', AssignedAddOns: 'Assigned Add-on', Extensions: 'Extension', OutgoingCallerIds: 'Outgoing Caller ID', Siprec: 'SIPREC',
  UserDefinedMessages: 'User Defined Message', UserDefinedMessageSubscriptions: 'User Defined Message Subscription',
  Calls: 'Call', Recordings: 'Recording', Accounts: 'Account',
};

export function specPath(): string {
  const pkg = require.resolve(`${SPEC_PACKAGE}/package.json`);
  return path.join(path.dirname(pkg), SPEC_FILE);
}

/** The object id of a path (before any collision suffix); the domain defaults to v2010's. */
export function objectIdOf(p: string, domain = 'api'): string {
  return baseIdOf(domain, p);
}

function singular(word: string): string {
  if (SINGULAR_AS_IS.has(word)) return word;
  if (/ies$/.test(word)) return word.replace(/ies$/, 'y');
  if (/(ss|x|ch|sh)es$/.test(word)) return word.replace(/es$/, '');
  if (/s$/.test(word) && !/ss$/.test(word)) return word.slice(0, -1);
  return word;
}

function spaced(word: string): string {
  return word.replace(/([a-z])([A-Z])/g, '$1 $2');
}

export function labelOf(id: string): string {
  if (id.endsWith(`.${COLLISION_SUFFIX}`)) return `${labelOf(id.slice(0, -COLLISION_SUFFIX.length - 1))} (all)`;
  const segs = id.split('.').slice(2);
  const words = segs.map((s) => {
    if (s in LABEL_WORDS) return LABEL_WORDS[s];
    return spaced(singular(s));
  }).filter(Boolean);
  // "Usage Record Daily" reads better as "Usage Record (Daily)"; keep the rule generic: a trailing
  // word under Records/AvailablePhoneNumbers/IncomingPhoneNumbers is a kind.
  const kinds = /^(Usage Record|Available Phone Number|Incoming Phone Number)$/;
  const last = segs[segs.length - 1];
  if (words.length >= 2 && !(last in LABEL_WORDS) && kinds.test(words.slice(0, -1).join(' '))) {
    return `${words.slice(0, -1).join(' ')} (${spaced(segs[segs.length - 1])})`;
  }
  return words.join(' ');
}

function pascal(name: string): string {
  return name.split('_').map((w) => (w ? w[0].toUpperCase() + w.slice(1) : w)).join('');
}

function deref(spec: Spec, schema: Schema): Schema {
  let s = schema;
  while (s && s.$ref) s = spec.components.schemas[s.$ref.replace('#/components/schemas/', '')];
  return s || {};
}

function scalar(spec: Spec, schema: Schema): { type: ScalarType; format?: string; enum?: string[]; items?: ScalarType; nullable?: boolean } {
  const s = deref(spec, schema);
  const out: { type: ScalarType; format?: string; enum?: string[]; items?: ScalarType; nullable?: boolean } = {
    type: (s.type || 'object') as ScalarType,
  };
  if (s.format) out.format = s.format;
  if (s.enum) out.enum = s.enum.slice();
  if (s.type === 'array') {
    const it = deref(spec, s.items || {});
    out.items = (it.type || 'object') as ScalarType;
    if (it.enum) out.enum = it.enum.slice();
    if (it.format) out.format = it.format;
  }
  if (s.nullable || schema.nullable) out.nullable = true;
  return out;
}

function paramOf(spec: Spec, name: string, schema: Schema, required: boolean, description?: string): Param {
  const s = deref(spec, schema);
  const sc = scalar(spec, schema);
  const p: Param = { name, type: sc.type === 'array' ? (sc.items || 'string') : sc.type };
  if (sc.type === 'array') p.array = true;
  if (sc.format) p.format = sc.format;
  if (required) p.required = true;
  if (sc.enum) p.enum = sc.enum;
  if (s.pattern) p.pattern = s.pattern;
  if (typeof s.minimum === 'number') p.minimum = s.minimum;
  if (typeof s.maximum === 'number') p.maximum = s.maximum;
  if (typeof s.minLength === 'number') p.minLength = s.minLength;
  if (typeof s.maxLength === 'number') p.maxLength = s.maxLength;
  if (typeof s.maxItems === 'number') p.maxItems = s.maxItems;
  const d = description || schema.description || s.description;
  if (d) p.description = d;
  return p;
}

function recordSchemaOf(spec: Spec, name: string, legacy = true): RecordSchema {
  const s = spec.components.schemas[name];
  const fields: Field[] = Object.entries<Schema>(s.properties || {}).map(([fname, fs]) => {
    const sc = scalar(spec, fs);
    const f: Field = { name: fname, type: sc.type };
    if (sc.format) f.format = sc.format;
    if (sc.nullable || fs.nullable) f.nullable = true;
    if (sc.enum) f.enum = sc.enum;
    if (sc.items) f.items = sc.items;
    // The products' path parameters often carry no pattern; their records' Sid fields do.
    if (!legacy && deref(spec, fs).pattern) f.pattern = deref(spec, fs).pattern;
    const d = fs.description || deref(spec, fs).description;
    if (d) f.description = d;
    return f;
  });
  const names = new Set(fields.map((f) => f.name));
  const identity = IDENTITY_PREFERENCE.find((n) => names.has(n)) || '';
  return { element: pascal((name.split('.').pop() as string).replace(/-instance$/, '')), identity, fields };
}

function successOf(op: Schema): { status: number; schema?: Schema } {
  const code = Object.keys(op.responses).map(Number).filter((c) => c >= 200 && c < 400).sort()[0];
  const content = op.responses[String(code)].content;
  return { status: code, schema: content && content['application/json'] && content['application/json'].schema };
}

function refName(schema: Schema): string | undefined {
  return schema && schema.$ref ? schema.$ref.replace('#/components/schemas/', '') : undefined;
}

function chainOf(spec: Spec, p: string, op: Schema): ChainPart[] {
  const declared: Record<string, Schema> = {};
  for (const prm of op.parameters || []) if (prm.in === 'path') declared[prm.name] = prm.schema || {};
  const names = (p.match(/\{([^}]+)\}/g) || []).map((m) => m.slice(1, -1)).filter((n) => n !== 'AccountSid');
  return names.map((name) => {
    const part: ChainPart = { name };
    const s = deref(spec, declared[name] || {});
    if (s.pattern) part.pattern = s.pattern;
    return part;
  });
}

/** How one description file is turned into a catalog. */
interface FileRules {
  /** object id prefix: the host's first label */
  domain: string;
  /**
   * v2010 keeps the shape it shipped with (its file regenerates byte-identical): no query
   * parameters on Get/Delete (its one, Recording's IncludeSoftDeleted, waits), no date pairing,
   * its own editor groups.
   */
  legacy: boolean;
  /** the editor group of a product's objects */
  group: string;
}

function filtersOf(spec: Spec, op: Schema, rules: FileRules): Filter[] {
  const query = (op.parameters || []).filter((prm: Schema) => prm.in === 'query' && !PAGING_PARAMS.has(prm.name));
  const names = new Set<string>(query.map((prm: Schema) => prm.name));
  const filters: Filter[] = [];
  for (const prm of query) {
    if (/[<>]$/.test(prm.name)) continue;
    const f: Filter = paramOf(spec, prm.name, prm.schema || {}, !!prm.required, prm.description);
    if (names.has(`${prm.name}<`) && names.has(`${prm.name}>`)) f.dateOps = true;
    const also = (PHONE_ALSO[op.operationId] || {})[prm.name];
    if (also) f.phoneAlso = also.slice();
    filters.push(f);
  }
  return rules.legacy ? filters : pairDateRanges(filters);
}

/** Query parameters of a Get or Delete (Lookup's Fields, Safelist's PhoneNumber). */
function queryParamsOf(spec: Spec, op: Schema): Param[] {
  return (op.parameters || [])
    .filter((prm: Schema) => prm.in === 'query')
    .map((prm: Schema) => paramOf(spec, prm.name, prm.schema || {}, !!prm.required, prm.description));
}

type Body = { params: Param[]; conditional?: string[][]; bodyType?: 'json'; bodySchema?: Schema };

function bodyOf(spec: Spec, op: Schema): Body {
  const content = op.requestBody && op.requestBody.content;
  const json = content && content['application/json'];
  const form = content && content['application/x-www-form-urlencoded'];
  const schema = json || form ? deref(spec, (json || form).schema) : { properties: {} };
  const required = new Set<string>(schema.required || []);
  const limits = DOCUMENTED_LIMITS[op.operationId] || {};
  const also = PHONE_ALSO[op.operationId] || {};
  const params = Object.entries<Schema>(schema.properties || {}).map(
    ([name, ps]) => Object.assign(paramOf(spec, name, ps, required.has(name)), limits[name], also[name] ? { phoneAlso: also[name].slice() } : {}),
  );
  const out: Body = { params };
  const groups = op['x-twilio'] && op['x-twilio'].conditional;
  if (groups) {
    // The spec spells groups in snake_case; map them back to the parameter names.
    const bySnake = new Map(params.map((prm) => [snakeCase(prm.name), prm.name]));
    out.conditional = groups.map((g: string[]) => g.map((n) => bySnake.get(n) || n));
  }
  if (json) {
    out.bodyType = 'json';
    out.bodySchema = bodySchemaOf(spec, json.schema);
  }
  return out;
}

/** A list's record element: the singular of the list element, or the exceptions table's. */
export function recordElementOf(objectId: string, recordKey: string): string {
  return RECORD_ELEMENT_EXCEPTIONS[objectId] || RECORD_ELEMENT_EXCEPTIONS[recordKey] || singular(pascal(recordKey));
}

/**
 * Twilio's 2010 XML names: a schema a list returns is named after that list's records; a
 * schema only a Get returns (`…-instance`) after its object's list; any other keeps its own.
 */
function nameRecordElements(objects: Record<string, CatalogObject>, schemas: Record<string, RecordSchema>): void {
  const fromList = new Map<string, string>();
  for (const obj of Object.values(objects)) {
    const list = obj.actions.query;
    if (!list || !list.response || !list.recordKey) continue;
    const element = recordElementOf(obj.id, list.recordKey);
    const known = fromList.get(list.response);
    if (known && known !== element) throw new Error(`schema ${list.response} is named ${known} and ${element}`);
    fromList.set(list.response, element);
  }
  for (const [name, element] of fromList) schemas[name].element = element;
  for (const obj of Object.values(objects)) {
    const list = obj.actions.query;
    for (const op of Object.values(obj.actions)) {
      if (!op || !op.response || fromList.has(op.response) || !/-instance$/.test(op.response)) continue;
      if (list && list.response && fromList.has(list.response)) schemas[op.response].element = fromList.get(list.response) as string;
    }
  }
}

function pageMetaOf(spec: Spec, success: { schema?: Schema }): boolean {
  const page = deref(spec, success.schema);
  return !!(page.properties && page.properties.meta);
}

function operationOf(spec: Spec, p: string, item: Schema, method: string, action: Action, rules: FileRules,
  useSchema: (n?: string) => string | undefined): Operation {
  const op = item[method];
  const success = successOf(op);
  const operation: Operation = {
    operationId: op.operationId,
    method: method.toUpperCase() as Operation['method'],
    path: p,
    accountScoped: p.includes('{AccountSid}'),
    chain: chainOf(spec, p, op),
    status: success.status,
  };
  if (op.summary || op.description) operation.summary = op.summary || op.description;
  if (action === 'query') {
    const page = deref(spec, success.schema);
    const [key, arr] = Object.entries<Schema>(page.properties || {}).find(([, v]) => v.type === 'array') || [];
    operation.recordKey = key;
    operation.response = useSchema(refName(arr && arr.items));
    operation.filters = filtersOf(spec, op, rules);
    if (!rules.legacy && pageMetaOf(spec, success)) operation.pageMeta = true;
  } else {
    operation.response = useSchema(refName(success.schema));
  }
  if (action === 'create' || action === 'update') Object.assign(operation, bodyOf(spec, op));
  if (SHORTHANDS[op.operationId]) operation.shorthand = { ...SHORTHANDS[op.operationId] };
  const id = objectIdOf(p, rules.domain);
  if (action === 'get' && CONTENT[id]) operation.content = { path: CONTENT[id].path, formats: CONTENT[id].formats.slice() };
  if (!rules.legacy && (action === 'get' || action === 'delete')) {
    const query = queryParamsOf(spec, op);
    if (query.length) operation.query = query;
  }
  if (!operation.response) delete operation.response;
  return operation;
}

/** Which record field carries each chain part (for building msg.sid from a record). */
function linkChainFields(objects: Record<string, CatalogObject>, schemas: Record<string, RecordSchema>, rules: FileRules): void {
  const each = (fn: (obj: CatalogObject, op: Operation, schema: RecordSchema, names: Set<string>) => void) => {
    for (const obj of Object.values(objects)) {
      for (const op of Object.values(obj.actions)) {
        const schema = op && op.response ? schemas[op.response] : undefined;
        if (op && schema) fn(obj, op, schema, new Set(schema.fields.map((f) => f.name)));
      }
    }
  };
  // A product record is named by its instance path's last part when that is not {Sid}: a Sync
  // item's `key`, a Routes phone number's `phone_number` (v2010 keeps its preference list).
  if (!rules.legacy) {
    each((obj, op, schema, names) => {
      const last = op.chain[op.chain.length - 1];
      const instance = op === obj.actions.get || op === obj.actions.update || op === obj.actions.delete;
      if (last && last.name !== 'Sid' && instance && names.has(snakeCase(last.name))) schema.identity = snakeCase(last.name);
    });
  }
  each((_obj, op, schema, names) => {
    op.chain.forEach((part) => {
        const candidate = part.name === 'Sid' ? schema.identity : snakeCase(part.name);
      if (names.has(candidate)) part.field = candidate;
    });
  });
}

function markCredentials(objects: Record<string, CatalogObject>, schemas: Record<string, RecordSchema>): void {
  for (const [id, fields] of Object.entries(CREDENTIAL_FIELDS)) {
    const obj = objects[id];
    if (!obj) continue;
    for (const op of Object.values(obj.actions)) {
      const schema = op && op.response ? schemas[op.response] : undefined;
      for (const f of (schema ? schema.fields : [])) if (fields.includes(f.name)) f.credential = true;
    }
  }
}

function sortedByKey<T>(rec: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of Object.keys(rec).sort()) out[k] = rec[k];
  return out;
}

export function generateCatalog(spec: Spec, source: Catalog['source'], rules: FileRules = { domain: 'api', legacy: true, group: '' }): Catalog {
  const objects: Record<string, CatalogObject> = {};
  const schemas: Record<string, RecordSchema> = {};
  const useSchema = (name?: string) => {
    if (name && !schemas[name]) schemas[name] = recordSchemaOf(spec, name, rules.legacy);
    return name;
  };
  const { ids } = assignIds(rules.domain, Object.keys(spec.paths));
  for (const [p, item] of Object.entries<Schema>(spec.paths)) {
    for (const method of ['get', 'post', 'put', 'delete']) {
      const op = item[method];
      if (!op) continue;
      const verb = VERBS.find(([v]) => op.operationId.startsWith(v));
      if (!verb) continue;
      const id = ids.get(p) as string;
      const group = rules.legacy ? GROUPS[id.split('.')[2]] || 'Other' : rules.group;
      const obj = objects[id] || (objects[id] = { id, label: labelOf(id), group, actions: {} });
      if (!obj.description && item.description) obj.description = item.description;
      obj.actions[verb[1]] = operationOf(spec, p, item, method, verb[1], rules, useSchema);
    }
  }
  linkChainFields(objects, schemas, rules);
  if (rules.legacy) nameRecordElements(objects, schemas);
  markCredentials(objects, schemas);
  return { source, objects: sortedByKey(objects), schemas: sortedByKey(schemas) };
}

function specPackageVersion(): string {
  return JSON.parse(fs.readFileSync(require.resolve(`${SPEC_PACKAGE}/package.json`), 'utf8')).version;
}

function sourceOf(file: string): Catalog['source'] {
  return {
    package: SPEC_PACKAGE, version: specPackageVersion(), file: `${SPEC_DIR}/${file}`,
    license: 'twilio-oai (MIT); the description declares Apache-2.0',
  };
}

/** The v2010 catalog alone (api.v2010.json). */
export function generateFromInstalledSpec(): Catalog {
  const spec = JSON.parse(fs.readFileSync(specPath(), 'utf8'));
  return generateCatalog(spec, sourceOf(path.basename(SPEC_FILE)));
}

export const CATALOG_DIR = path.join(__dirname, '..', '..', 'nodes', 'catalog');
export const CATALOG_FILE = path.join(CATALOG_DIR, 'api.v2010.json');
export const INDEX_FILE = path.join(CATALOG_DIR, 'index.json');

/** The index, one product or object per line: small to read at start, readable in a diff. */
export function serializeIndex(c: CatalogIndex): string {
  const lines = (rec: Record<string, unknown>) => Object.entries(rec).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',\n');
  return `{"$comment":${JSON.stringify(c.$comment)},\n"products":{\n${lines(c.products)}},\n"objects":{\n${lines(c.objects)}},\n`
    + `"collisions":${JSON.stringify(c.collisions)},\n"excluded":${JSON.stringify(c.excluded)}}\n`;
}

export function serializeCatalog(c: Catalog): string {
  return JSON.stringify(c, null, 1) + '\n';
}

/** Product catalogs are read by programs only: one object per line keeps them compact and diffable. */
export function serializeProduct(c: Catalog): string {
  const lines = (rec: Record<string, unknown>) => Object.entries(rec).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',\n');
  return `{"source":${JSON.stringify(c.source)},\n"objects":{\n${lines(c.objects)}},\n"schemas":{\n${lines(c.schemas)}}}\n`;
}

export interface ProductOutput {
  /** product key and file stem: verify.v2, api.v2010, preview */
  product: string;
  domain: string;
  version?: string;
  host: string;
  catalog: Catalog;
  collisions: IdAssignment['collisions'];
}

export interface Generated {
  products: ProductOutput[];
  index: CatalogIndex;
  /** what the generator says about files it left out or found empty */
  notes: string[];
}

function hostOf(spec: Spec): string {
  const firstPath = Object.values<Schema>(spec.paths)[0] || {};
  const server = (firstPath.servers || spec.servers || [])[0];
  return new URL(server.url).hostname;
}

function generateFile(dir: string, file: string): ProductOutput | undefined {
  const spec = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  const host = hostOf(spec);
  const domain = domainOf(host);
  const first = Object.keys(spec.paths)[0] || '';
  const version = versionOf(first.split('/')[1]);
  const product = version ? `${domain}.${version}` : domain;
  const legacy = product === 'api.v2010';
  const catalog = generateCatalog(spec, sourceOf(file), { domain, legacy, group: productLabel(domain, version) });
  if (!Object.keys(catalog.objects).length) return undefined;
  return { product, domain, version, host, catalog, collisions: assignIds(domain, Object.keys(spec.paths)).collisions };
}

/** Every description file: the product catalogs, the index and the generator's notes. */
export function generateAll(): Generated {
  const dir = path.dirname(specPath());
  const products: ProductOutput[] = [];
  const notes: string[] = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    if (EXCLUDED_FILES[file]) {
      notes.push(`left out ${file}: ${EXCLUDED_FILES[file]}`);
      continue;
    }
    const out = generateFile(dir, file);
    if (out) products.push(out);
    else notes.push(`no operations in ${file}: nothing generated`);
  }
  renameSharedSchemas(products);
  return { products, index: buildIndex(products), notes };
}

/**
 * Schema names are one namespace across products (the runtime keeps one map); content.v2
 * reuses content.v1's names for records of a different shape, so a later product's schema
 * named after another product is renamed into its own (content.v1.content → content.v2.content).
 */
function renameSharedSchemas(products: ProductOutput[]): void {
  const seen = new Set<string>();
  for (const out of products) {
    const renames = new Map<string, string>();
    for (const name of Object.keys(out.catalog.schemas)) {
      if (seen.has(name)) renames.set(name, `${out.product}.${name.split('.').slice(2).join('.')}`);
    }
    for (const [from, to] of renames) {
      out.catalog.schemas[to] = out.catalog.schemas[from];
      delete out.catalog.schemas[from];
      for (const obj of Object.values(out.catalog.objects)) {
        for (const op of Object.values(obj.actions)) if (op && op.response === from) op.response = to;
      }
    }
    if (renames.size) out.catalog.schemas = sortedByKey(out.catalog.schemas);
    for (const name of Object.keys(out.catalog.schemas)) seen.add(name);
  }
}

function writeAll(): void {
  const { products, index, notes } = generateAll();
  for (const note of notes) console.log(note);
  for (const out of products) {
    const file = path.join(CATALOG_DIR, `${out.product}.json`);
    fs.writeFileSync(file, out.product === 'api.v2010' ? serializeCatalog(out.catalog) : serializeProduct(out.catalog));
  }
  fs.writeFileSync(INDEX_FILE, serializeIndex(index));
  for (const [key, p] of Object.entries(index.products)) console.log(`${key}: ${p.objects} objects, ${p.operations} operations`);
  const total = Object.values(index.products).reduce((n, p) => n + p.operations, 0);
  console.log(`wrote ${products.length} product catalogs and index.json: ${Object.keys(index.objects).length} objects, ${total} operations`);
  for (const c of index.collisions) console.log(`id collision ${c.id}: ${c.paths.join(' vs ')}; the one without the inner parameter is ${c.suffixed}`);
}

if (require.main === module) writeAll();

// Generates nodes/catalog/api.v2010.json from Twilio's OpenAPI description
// (twilio_api_v2010.json from the twilio-oai project, shipped by @twilio-alpha/mcp).
// Run: npm run generate. A test regenerates it and compares with the committed file.
import * as fs from 'fs';
import * as path from 'path';
import type {
  Action, Catalog, CatalogObject, ChainPart, ContentSpec, Field, Filter, Operation, Param, PhoneAlso, RecordSchema, ScalarType, Shorthand,
} from '../nodes/catalog/types';
import { snakeCase } from '../nodes/catalog/names';

// The OpenAPI document is walked as plain JSON; the generator checks every field it reads.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed OpenAPI JSON
type Spec = any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed OpenAPI JSON
type Schema = any;

const SPEC_PACKAGE = '@twilio-alpha/mcp';
const SPEC_FILE = 'twilio-oai/spec/json/twilio_api_v2010.json';
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
// Credential fields: secrets Twilio hands out on every read, redacted in every output unless
// the node reveals credentials (docs/reliability.md). One table, by response schema; a secret
// Twilio shows once on purpose (a new API key's `secret`) is the user's data and is not listed.
export const CREDENTIAL_FIELDS: Record<string, string[]> = {
  'api.v2010.account': ['auth_token'],
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

export function objectIdOf(p: string): string {
  let segs = p.split('/').slice(2);
  if (segs[0] === 'Accounts' && segs[1] === '{AccountSid}') segs = segs.slice(2);
  const statics = segs.map((s) => s.replace(/\.json$/, '')).filter((s) => s && !s.startsWith('{'));
  return ['api', 'v2010', ...statics].join('.');
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

function recordSchemaOf(spec: Spec, name: string): RecordSchema {
  const s = spec.components.schemas[name];
  const fields: Field[] = Object.entries<Schema>(s.properties || {}).map(([fname, fs]) => {
    const sc = scalar(spec, fs);
    const f: Field = { name: fname, type: sc.type };
    if (sc.format) f.format = sc.format;
    if (sc.nullable || fs.nullable) f.nullable = true;
    if (sc.enum) f.enum = sc.enum;
    if (sc.items) f.items = sc.items;
    const d = fs.description || deref(spec, fs).description;
    if (d) f.description = d;
    if ((CREDENTIAL_FIELDS[name] || []).includes(fname)) f.credential = true;
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

function filtersOf(spec: Spec, op: Schema): Filter[] {
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
  return filters;
}

function bodyOf(spec: Spec, op: Schema): { params: Param[]; conditional?: string[][] } {
  const content = op.requestBody && op.requestBody.content;
  const schema = content ? deref(spec, content['application/x-www-form-urlencoded'].schema) : { properties: {} };
  const required = new Set<string>(schema.required || []);
  const limits = DOCUMENTED_LIMITS[op.operationId] || {};
  const also = PHONE_ALSO[op.operationId] || {};
  const params = Object.entries<Schema>(schema.properties || {}).map(
    ([name, ps]) => Object.assign(paramOf(spec, name, ps, required.has(name)), limits[name], also[name] ? { phoneAlso: also[name].slice() } : {}),
  );
  const out: { params: Param[]; conditional?: string[][] } = { params };
  const groups = op['x-twilio'] && op['x-twilio'].conditional;
  if (groups) {
    // The spec spells groups in snake_case; map them back to the parameter names.
    const bySnake = new Map(params.map((prm) => [snakeCase(prm.name), prm.name]));
    out.conditional = groups.map((g: string[]) => g.map((n) => bySnake.get(n) || n));
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

export function generateCatalog(spec: Spec, source: Catalog['source']): Catalog {
  const objects: Record<string, CatalogObject> = {};
  const schemas: Record<string, RecordSchema> = {};
  const useSchema = (name?: string) => {
    if (name && !schemas[name]) schemas[name] = recordSchemaOf(spec, name);
    return name;
  };
  for (const [p, item] of Object.entries<Schema>(spec.paths)) {
    for (const method of ['get', 'post', 'delete']) {
      const op = item[method];
      if (!op) continue;
      const verb = VERBS.find(([v]) => op.operationId.startsWith(v));
      if (!verb) continue;
      const action = verb[1];
      const id = objectIdOf(p);
      const obj = objects[id] || (objects[id] = {
        id, label: labelOf(id), group: GROUPS[id.split('.')[2]] || 'Other', actions: {},
      });
      if (!obj.description && item.description) obj.description = item.description;
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
        operation.filters = filtersOf(spec, op);
      } else {
        operation.response = useSchema(refName(success.schema));
      }
      if (action === 'create' || action === 'update') Object.assign(operation, bodyOf(spec, op));
      if (SHORTHANDS[op.operationId]) operation.shorthand = { ...SHORTHANDS[op.operationId] };
      if (action === 'get' && CONTENT[id]) operation.content = { path: CONTENT[id].path, formats: CONTENT[id].formats.slice() };
      if (!operation.response) delete operation.response;
      obj.actions[action] = operation;
    }
  }
  // Which record field carries each chain part (for building msg.sid from a record).
  for (const obj of Object.values(objects)) {
    for (const op of Object.values(obj.actions)) {
      const schema = op && op.response ? schemas[op.response] : undefined;
      if (!op || !schema) continue;
      const names = new Set(schema.fields.map((f) => f.name));
      op.chain.forEach((part) => {
        const candidate = part.name === 'Sid' ? schema.identity : snakeCase(part.name);
        if (names.has(candidate)) part.field = candidate;
      });
    }
  }
  nameRecordElements(objects, schemas);
  const sorted: Record<string, CatalogObject> = {};
  for (const id of Object.keys(objects).sort()) sorted[id] = objects[id];
  const sortedSchemas: Record<string, RecordSchema> = {};
  for (const n of Object.keys(schemas).sort()) sortedSchemas[n] = schemas[n];
  return { source, objects: sorted, schemas: sortedSchemas };
}

export function generateFromInstalledSpec(): Catalog {
  const file = specPath();
  const spec = JSON.parse(fs.readFileSync(file, 'utf8'));
  const pkg = JSON.parse(fs.readFileSync(require.resolve(`${SPEC_PACKAGE}/package.json`), 'utf8'));
  return generateCatalog(spec, {
    package: SPEC_PACKAGE, version: pkg.version, file: SPEC_FILE,
    license: 'twilio-oai (MIT); the description declares Apache-2.0',
  });
}

export const CATALOG_FILE = path.join(__dirname, '..', '..', 'nodes', 'catalog', 'api.v2010.json');

export function serializeCatalog(c: Catalog): string {
  return JSON.stringify(c, null, 1) + '\n';
}

if (require.main === module) {
  const catalog = generateFromInstalledSpec();
  fs.writeFileSync(CATALOG_FILE, serializeCatalog(catalog));
  const ops = Object.values(catalog.objects).reduce((n, o) => n + Object.keys(o.actions).length, 0);
  console.log(`wrote ${path.relative(process.cwd(), CATALOG_FILE)}: ${Object.keys(catalog.objects).length} objects, ${ops} operations`);
}

// The shape of the generated catalog: one file per product (nodes/catalog/api.v2010.json,
// verify.v2.json, …) and the index (nodes/catalog/index.json). Shared by the generator, the
// runtime, the sandbox and the editor routes.

export type Action = 'get' | 'query' | 'create' | 'update' | 'delete';
export const ACTIONS: readonly Action[] = ['get', 'query', 'create', 'update', 'delete'];

export type ScalarType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array';

/** One part of a Sid chain: a path parameter other than AccountSid. */
export interface ChainPart {
  name: string;
  pattern?: string;
  /** the response field holding this part's value, when the record has one */
  field?: string;
}

/** A field of a response record. */
export interface Field {
  name: string;
  type: ScalarType;
  format?: string;
  nullable?: boolean;
  enum?: string[];
  /** element type for arrays */
  items?: ScalarType;
  description?: string;
  /** the spec's pattern (product Sid fields: ^IS[0-9a-fA-F]{32}$) */
  pattern?: string;
  /** a secret (an Auth Token): redacted in outputs unless the node reveals credentials */
  credential?: boolean;
}

/** What a phone-number parameter takes besides a phone number (Twilio says so in prose only). */
export type PhoneAlso = 'short-code' | 'alphanumeric' | 'partial';

/** A Create/Update form parameter, or a Query filter. */
export interface Param {
  name: string;
  type: ScalarType;
  format?: string;
  required?: boolean;
  enum?: string[];
  /** repeated form key (e.g. MediaUrl) */
  array?: boolean;
  pattern?: string;
  description?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  /** most values a repeated parameter takes */
  maxItems?: number;
  /** text that holds JSON (e.g. ContentVariables): an object is sent as its JSON */
  jsonText?: boolean;
  /** a phone-number parameter that also takes short codes, sender ids or partial numbers */
  phoneAlso?: PhoneAlso[];
}

/** A Query filter; `dateOps` when the spec also declares `name<` and `name>`. */
export interface Filter extends Param {
  dateOps?: boolean;
  /** a date the product spells as a pair: on or after sends `after`, on or before sends `before` */
  range?: { after: string; before: string };
}

/** A response schema: record fields and the XML element name. */
export interface RecordSchema {
  element: string;
  identity: string;
  fields: Field[];
}

/**
 * Which parameters a plain message fills (node-red-node-twilio's habit and the account's
 * default sender): a text msg.payload → `text`, an address in msg.topic → `address`, the
 * default sender → `sender` (a number or address) or `service` (a Messaging Service Sid).
 */
export interface Shorthand {
  text?: string;
  address?: string;
  sender?: string;
  service?: string;
}

/** Where a record's content (audio, media, text) is served; `{format}` is one of `formats`. */
export interface ContentSpec {
  path: string;
  /** file extensions Twilio serves (`mp3`, `wav`, `txt`); `media` = the stored type */
  formats: string[];
}

export interface Operation {
  operationId: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** path template, e.g. /2010-04-01/Accounts/{AccountSid}/Messages/{Sid}.json */
  path: string;
  /** true when the path holds {AccountSid} (the chain may then start with an Account Sid) */
  accountScoped: boolean;
  /** path parameters other than AccountSid, in path order */
  chain: ChainPart[];
  /** the success status the spec declares (200, 201, 204, 302) */
  status: number;
  /** response schema name in catalog.schemas (absent for 204) */
  response?: string;
  /** Create/Update form parameters */
  params?: Param[];
  /** "at least one of" groups, in parameter names */
  conditional?: string[][];
  /** Query filters (PageSize/Page/PageToken excluded) */
  filters?: Filter[];
  /** Query: the key of the record array in a page */
  recordKey?: string;
  /** Query: pages carry `meta` (next_page_url, key) as the product APIs' do */
  pageMeta?: boolean;
  /** Get/Delete: query parameters the operation declares (Lookup's Fields) */
  query?: Param[];
  /** Create/Update: the body is JSON (params are its top-level properties) */
  bodyType?: 'json';
  /** the JSON body's schema, $refs inlined */
  bodySchema?: JsonSchema;
  summary?: string;
  /** Create: what a text payload, msg.topic and the default sender fill */
  shorthand?: Shorthand;
  /** Get: the record's content (recordings, media, transcriptions) */
  content?: ContentSpec;
}

/** The subset of JSON Schema a JSON request body is checked against. */
export interface JsonSchema {
  type?: string;
  format?: string;
  enum?: unknown[];
  required?: string[];
  nullable?: boolean;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  additionalProperties?: JsonSchema;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  pattern?: string;
}

export interface CatalogObject {
  id: string;
  label: string;
  group: string;
  description?: string;
  actions: Partial<Record<Action, Operation>>;
}

export interface Catalog {
  source: { package: string; version: string; file: string; license: string };
  objects: Record<string, CatalogObject>;
  schemas: Record<string, RecordSchema>;
}

/** An object as the index lists it. */
export interface IndexedObject {
  label: string;
  /** product key: verify.v2, api.v2010, preview */
  product: string;
  /** the editor group: v2010's areas (Messaging, Voice, …); a product's label otherwise */
  group: string;
  /** the object this one lives under (Messaging Services for their Phone Numbers) */
  parent?: string;
  actions: Action[];
}

export interface IndexedProduct {
  label: string;
  /** Twilio's host for this product (region and edge are applied to it) */
  host: string;
  /** the product's catalog file beside the index */
  file: string;
  objects: number;
  operations: number;
}

export interface CatalogIndex {
  $comment: string;
  products: Record<string, IndexedProduct>;
  objects: Record<string, IndexedObject>;
  collisions: Array<{ id: string; paths: string[]; suffixed: string }>;
  excluded: Record<string, string>;
}

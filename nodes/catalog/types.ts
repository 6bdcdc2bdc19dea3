// The shape of the generated catalog (nodes/catalog/api.v2010.json).
// Shared by the generator, the runtime, the sandbox and the editor routes.

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
  method: 'GET' | 'POST' | 'DELETE';
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
  summary?: string;
  /** Create: what a text payload, msg.topic and the default sender fill */
  shorthand?: Shorthand;
  /** Get: the record's content (recordings, media, transcriptions) */
  content?: ContentSpec;
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

// Records, pages and errors as Twilio's 2010 XML (the tests read it back with
// test/support/twilio-xml-reader.js).
//
//   <TwilioResponse><Message><Sid>SM…</Sid><DateCreated>…</DateCreated>…</Message></TwilioResponse>
//   <TwilioResponse><Messages page="0" pagesize="50" nextpageuri="…"><Message>…</Message>…</Messages></TwilioResponse>
//   <TwilioResponse><RestException><Code>…</Code><Message>…</Message><MoreInfo>…</MoreInfo><Status>…</Status></RestException></TwilioResponse>
//
// Shape: a field `date_created` is the element <DateCreated>; nested objects nest; an
// array is repeated elements. The text of an element is XML-escaped. Keys of free-form
// maps (subresource_uris, capabilities, …) are kept verbatim; a key that is not a valid XML
// name is encoded like .NET's XmlConvert.EncodeName (`+1 555` → `_x002B_1_x0020_555`,
// a literal `_x` → `_x005F_x`, the empty key → `_x_`), which decodes back exactly.
//
// This project's documented extensions, so that reading it back gives the same JSON:
//   nil="true"          the value is null
//   array="true"        the element is one item of an array (its siblings of the same name
//                       are the other items); array="empty" stands for an empty array
//   type="number|boolean|string|object"
//                       the JSON type where the catalog does not say it (inside free-form
//                       maps strings need none) or the value disagrees with the catalog
//   encoding="json"     the text is a JSON string literal, used only for text holding
//                       characters XML 1.0 cannot carry (control characters, lone surrogates)
// Fields a record has but the catalog lacks are written like free-form values.
//
// The serializer is compiled per schema (cached) into one function that concatenates
// strings (xml-js's js2xml costs ~100 µs/record).
import type { RecordSchema, ScalarType } from '../catalog/types';
import { snakeCase } from '../catalog/names';

// ---------------------------------------------------------------- names

/** `date_created` → `DateCreated`, `media_list` → `MediaList` */
export function pascalCase(name: string): string {
  return name
    .split('_')
    .map((w) => (w ? w[0].toUpperCase() + w.slice(1) : ''))
    .join('');
}


/** The page element of a list: `messages` → `Messages`, `media_list` → `MediaList`. */
export function listElementOf(recordKey: string): string {
  return pascalCase(recordKey);
}

const NAME_START = /[A-Z_a-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD]/u;
// eslint-disable-next-line no-misleading-character-class -- U+0300–U+036F (combining marks) are XML name characters on their own
const NAME_CHAR = /[-.0-9\u00B7\u0300-\u036F\u203F\u2040A-Z_a-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD]/u;
const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
// XML allows U+10000–U+EFFFF in names, but sax (xml-js's parser) reads names by UTF-16 unit
// and refuses them, so those are escaped too.

function escapeCodePoint(ch: string): string {
  const cp = ch.codePointAt(0) as number;
  return cp > 0xffff ? `_x${cp.toString(16).toUpperCase().padStart(8, '0')}_` : `_x${cp.toString(16).toUpperCase().padStart(4, '0')}_`;
}

/** A map key as an XML element name, losslessly (see the file comment). */
export function encodeXmlName(key: string): string {
  if (key === '') return '_x_';
  if (PLAIN_NAME.test(key) && !key.includes('_x')) return key;
  let out = '';
  const chars = Array.from(key);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    // an underscore before `x` is escaped so that it never reads as the start of an escape
    if (ch === '_' && chars[i + 1] === 'x') out += '_x005F_';
    else out += (i === 0 ? NAME_START : NAME_CHAR).test(ch) ? ch : escapeCodePoint(ch);
  }
  return out;
}

/** The map key an element name stands for. */
export function decodeXmlName(name: string): string {
  if (name === '_x_') return '';
  if (!name.includes('_x')) return name;
  return name.replace(/_x([0-9A-F]{8}|[0-9A-F]{4})_/g, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)));
}

// ---------------------------------------------------------------- writing

// & < > always; \r because parsers normalise a literal one away; XML 1.0's forbidden characters.
/* eslint-disable no-control-regex -- these two match the control characters XML 1.0 forbids */
const SPECIAL = /[&<>\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
/* eslint-enable no-control-regex */

/** false for text holding a lone surrogate (Node ≥ 20 has String.prototype.isWellFormed) */
const wellFormed = (s: string): boolean => (s as unknown as { isWellFormed(): boolean }).isWellFormed();

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** Attribute values: quotes, and the whitespace attribute normalisation would turn into spaces. */
export function escapeAttribute(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

/** <name attrs>text</name>, escaped; text XML cannot carry goes as a JSON literal. */
function textElement(name: string, value: string, attrs: string): string {
  if (ILLEGAL.test(value) || !wellFormed(value)) {
    return `<${name}${attrs} encoding="json">${escapeText(JSON.stringify(value))}</${name}>`;
  }
  if (!SPECIAL.test(value)) return `<${name}${attrs}>${value}</${name}>`;
  return `<${name}${attrs}>${escapeText(value)}</${name}>`;
}

type Declared = ScalarType;

/** Any JSON value under `name`, typed for a reader that assumes `declared`. */
function writeValue(name: string, value: unknown, declared: Declared, items: Declared): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return `<${name} array="empty"/>`;
    let s = '';
    for (const item of value) s += writeOne(name, item, ' array="true"', items);
    return s;
  }
  return writeOne(name, value, '', declared);
}

function writeOne(name: string, value: unknown, attrs: string, declared: Declared): string {
  if (value === null) return `<${name}${attrs} nil="true"/>`;
  switch (typeof value) {
    case 'string':
      return textElement(name, value, declared === 'string' ? attrs : attrs + ' type="string"');
    case 'number':
      if (!Number.isFinite(value)) return `<${name}${attrs} encoding="json">null</${name}>`; // as JSON would
      return `<${name}${attrs}${declared === 'number' || declared === 'integer' ? '' : ' type="number"'}>${value}</${name}>`;
    case 'boolean':
      return `<${name}${attrs}${declared === 'boolean' ? '' : ' type="boolean"'}>${value}</${name}>`;
    case 'object': {
      if (Array.isArray(value)) {
        // an array inside an array has no element shape of its own
        return `<${name}${attrs} encoding="json">${escapeText(JSON.stringify(value))}</${name}>`;
      }
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
        return writeOne(name, JSON.parse(JSON.stringify(value)), attrs, declared);
      }
      const body = writeMap(value as Record<string, unknown>);
      const typeAttr = body === '' && declared !== 'object' ? ' type="object"' : '';
      return body === '' ? `<${name}${attrs}${typeAttr}/>` : `<${name}${attrs}>${body}</${name}>`;
    }
    default:
      return ''; // undefined and functions are left out, as JSON leaves them out
  }
}

/** A free-form map: keys verbatim (encoded when not XML names), values typed from their JSON. */
function writeMap(map: Record<string, unknown>): string {
  let s = '';
  for (const key of Object.keys(map)) {
    const v = map[key];
    if (v !== undefined) s += writeValue(encodeXmlName(key), v, 'string', 'string');
  }
  return s;
}

const extraNames = new Map<string, string>();

/** The element name of a record field the catalog does not know (readable back: see the reader in test/support). */
function extraFieldElement(key: string): string {
  let name = extraNames.get(key);
  if (name === undefined) {
    name = extraFieldName(key);
    if (extraNames.size < 10000) extraNames.set(key, name);
  }
  return name;
}

function extraFieldName(key: string): string {
  const pascal = pascalCase(key);
  if (/^[a-z]/.test(key) && PLAIN_NAME.test(pascal) && snakeCase(pascal) === key) return pascal;
  const encoded = encodeXmlName(key);
  // a verbatim name that looks PascalCase would read back as snake_case: escape its first letter
  return /^[A-Z][A-Za-z0-9]*$/.test(encoded) ? escapeCodePoint(encoded[0]) + encoded.slice(1) : encoded;
}

interface Plan {
  element: string;
  write: (record: Record<string, unknown>) => string;
}

const plans = new WeakMap<RecordSchema, Plan>();

interface Helpers {
  SPECIAL: RegExp;
  wellFormed: (s: string) => boolean;
  textElement: typeof textElement;
  writeValue: typeof writeValue;
  writeExtras: (record: Record<string, unknown>) => string;
}

/** Straight-line code for one schema: one typeof test and one concatenation per field. */
function compileWriter(schema: RecordSchema, helpers: Helpers): (record: Record<string, unknown>) => string {
  const q = JSON.stringify;
  const lines: string[] = ['return function writeRecord(r) {', 'let s = "";', 'let n = 0;', 'let v;'];
  for (const f of schema.fields) {
    const el = pascalCase(f.name);
    const open = q(`<${el}>`);
    const close = q(`</${el}>`);
    const general = `h.writeValue(${q(el)}, v, ${q(f.type)}, ${q(f.items || 'string')})`;
    let fast: string;
    switch (f.type) {
      case 'string':
        fast = `typeof v === "string" ? (h.SPECIAL.test(v) || !h.wellFormed(v) ? h.textElement(${q(el)}, v, "") : ${open} + v + ${close}) : `;
        break;
      case 'integer':
      case 'number':
        fast = `typeof v === "number" && Number.isFinite(v) ? ${open} + v + ${close} : `;
        break;
      case 'boolean':
        fast = `v === true ? ${q(`<${el}>true</${el}>`)} : v === false ? ${q(`<${el}>false</${el}>`)} : `;
        break;
      default:
        fast = '';
    }
    lines.push(
      `v = r[${q(f.name)}];`,
      `if (v !== undefined) { n++; s += v === null ? ${q(`<${el} nil="true"/>`)} : ${fast}${general}; }`,
    );
  }
  lines.push('if (Object.keys(r).length !== n) s += h.writeExtras(r);', 'return s;', '};');
  // Compiled once per schema (the XML writer's hot path); catalog names reach the code only
  // through JSON.stringify (q), and no message value is ever part of it.
  return new Function('h', lines.join('\n'))(helpers) as (record: Record<string, unknown>) => string;
}

function planOf(schema: RecordSchema): Plan {
  let plan = plans.get(schema);
  if (plan) return plan;
  const known = new Set(schema.fields.map((f) => f.name));
  const writeExtras = (record: Record<string, unknown>): string => {
    let s = '';
    for (const key of Object.keys(record)) {
      if (!known.has(key) && record[key] !== undefined) s += writeValue(extraFieldElement(key), record[key], 'string', 'string');
    }
    return s;
  };
  const inner = compileWriter(schema, { SPECIAL, wellFormed, textElement, writeValue, writeExtras });
  const open = `<${schema.element}>`;
  const close = `</${schema.element}>`;
  plan = {
    element: schema.element,
    write: (record) => open + inner(record) + close,
  };
  plans.set(schema, plan);
  return plan;
}

/** One record as its element, without the <TwilioResponse> wrapper: `<Message>…</Message>`. */
/** `<TwilioResponse><Message>…</Message></TwilioResponse>` */
export function toTwilioXml(record: object, schema: RecordSchema): string {
  return `<TwilioResponse>${planOf(schema).write(record as Record<string, unknown>)}</TwilioResponse>`;
}

export interface PageAttributes {
  page?: number | null;
  numPages?: number | null;
  pageSize?: number | null;
  total?: number | null;
  start?: number | null;
  end?: number | null;
  uri?: string | null;
  firstPageUri?: string | null;
  previousPageUri?: string | null;
  nextPageUri?: string | null;
  lastPageUri?: string | null;
}

// Twilio's 2010 list attributes, in its order: the property name lowercased.
const PAGE_ATTRIBUTES: Array<keyof PageAttributes> = [
  'page', 'numPages', 'pageSize', 'total', 'start', 'end',
  'uri', 'firstPageUri', 'previousPageUri', 'nextPageUri', 'lastPageUri',
];

/** The list element's opening tag; attributes that are null or undefined are left out. */
function openList(listElement: string, attrs: PageAttributes): string {
  let s = `<${listElement}`;
  for (const key of PAGE_ATTRIBUTES) {
    const v = attrs[key];
    if (v !== undefined && v !== null) s += ` ${key.toLowerCase()}="${escapeAttribute(String(v))}"`;
  }
  return s + '>';
}

/** `<TwilioResponse><Messages page="0" pagesize="50" …><Message>…</Message>…</Messages></TwilioResponse>` */
export function pageToTwilioXml(
  records: readonly object[],
  schema: RecordSchema,
  listElement: string,
  attrs: PageAttributes = {},
): string {
  const write = planOf(schema).write;
  let s = '<TwilioResponse>' + openList(listElement, attrs);
  for (const r of records) s += write(r as Record<string, unknown>);
  return s + `</${listElement}></TwilioResponse>`;
}

export interface RestExceptionInfo {
  status: number;
  code?: number | null;
  message: string;
  moreInfo?: string | null;
}

/** Twilio's error document: `<TwilioResponse><RestException><Code>…</Code>…</RestException></TwilioResponse>` */
export function errorToTwilioXml(err: RestExceptionInfo): string {
  let s = '<TwilioResponse><RestException>';
  if (err.code !== undefined && err.code !== null) s += `<Code>${err.code}</Code>`;
  s += textElement('Message', String(err.message ?? ''), '');
  if (err.moreInfo !== undefined && err.moreInfo !== null) s += textElement('MoreInfo', String(err.moreInfo), '');
  s += `<Status>${err.status}</Status>`;
  return s + '</RestException></TwilioResponse>';
}

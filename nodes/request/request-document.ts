// The request document of a Create or Update, and the form parameters it becomes.
//
// A document is an object of Twilio parameter names ({To, From, Body}, arrays for repeated
// parameters such as MediaUrl) or XML (string or Buffer): the root element is the object,
// its children the parameters, repeated children an array. `<X nil="true"/>` is null (left
// out), `<X/>` an empty string (which Twilio reads as "clear"). A root <TwilioResponse>
// holding one element (this package's own XML output) is unwrapped.
import type { Operation, Param, RecordSchema } from '../catalog/types';
import { ErrorCodes, TwilioNodeError } from '../common/errors';
import { t } from '../common/i18n';
import { encodeValue } from './param-values';
import { closeMatches, isCaseOnly, operationLabel, quoteList, showValue, userText } from '../common/hints';
import { attributeOf, childElements, parserReason, readXmlTopLevel, textOf, XmlElement } from './read-xml';

export const MAX_XML_BYTES = 256 * 1024;

export interface RequestDocumentOptions {
  /** when given, the XML root element must have this name (the catalog's element, e.g. Message) */
  element?: string;
}

function requestError(key: string, vars: Record<string, unknown> = {}): TwilioNodeError {
  return new TwilioNodeError(t('errors.' + key, vars), ErrorCodes.invalidRequest);
}

function xmlError(key: string, vars: Record<string, unknown> = {}): TwilioNodeError {
  return new TwilioNodeError(t('errors.' + key, vars), ErrorCodes.invalidXml);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** The document as an object of parameter names: {} for none, objects as they are, XML parsed. */
export function parseRequestDocument(doc: unknown, opts: RequestDocumentOptions = {}): Record<string, unknown> {
  if (doc === undefined || doc === null) return {};
  if (Array.isArray(doc)) throw requestError('requestArray', { count: doc.length });
  if (Buffer.isBuffer(doc)) {
    if (doc.length > MAX_XML_BYTES) throw xmlError('xmlTooLarge', { size: doc.length, max: MAX_XML_BYTES });
    return parseXmlDocument(doc.toString('utf8'), opts);
  }
  if (typeof doc === 'string') {
    const size = Buffer.byteLength(doc, 'utf8');
    if (size > MAX_XML_BYTES) throw xmlError('xmlTooLarge', { size, max: MAX_XML_BYTES });
    return parseXmlDocument(doc, opts);
  }
  if (isPlainObject(doc)) return doc;
  throw requestError('requestType', { value: showValue(doc) });
}

function parseXmlDocument(text: string, opts: RequestDocumentOptions): Record<string, unknown> {
  const xml = text.replace(/^\uFEFF/, '');
  if (!xml.trimStart().startsWith('<')) throw requestError('requestNotXml');
  // Refused before parsing, so nothing is ever expanded (billion laughs, external entities).
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw xmlError('xmlDoctype');
  checkXmlShape(xml);
  let roots: XmlElement[];
  try {
    roots = readXmlTopLevel(xml);
  } catch (err) {
    throw xmlError('xmlParse', { reason: userText(parserReason(err), 200) });
  }
  if (roots.length > 1) throw xmlError('xmlManyRoots', { count: roots.length });
  let root = roots[0];
  if (!root) throw xmlError('xmlNoRoot');
  const inner = childElements(root);
  if (root.name === 'TwilioResponse' && inner.length === 1) root = inner[0];
  if (opts.element && root.name !== opts.element) {
    throw requestError('xmlRoot', { root: userText(root.name), element: opts.element });
  }
  return elementChildrenToObject(root, 0);
}

// The parser's cost grows with the number of tags and the length of names, not only with bytes:
// a record has a few dozen parameters, and no name (nor a JSON key inside one) is that long.
const MAX_XML_TAGS = 2000;
const MAX_XML_NAME = 256;
const LONG_NAME = new RegExp(`<\\/?[^\\s/>]{${MAX_XML_NAME + 1}}`);

/** Refuses, before parsing, documents whose tags or names would make parsing slow (docs/reliability.md). */
function checkXmlShape(xml: string): void {
  let tags = 0;
  for (let i = xml.indexOf('<'); i !== -1; i = xml.indexOf('<', i + 1)) {
    if (++tags > MAX_XML_TAGS) throw xmlError('xmlTooManyTags', { max: MAX_XML_TAGS });
  }
  const long = LONG_NAME.exec(xml);
  if (long) throw xmlError('xmlNameTooLong', { name: long[0].replace(/^<\/?/, '').slice(0, 40) + '…', max: MAX_XML_NAME });
}

// Nesting only makes sense inside JSON-text parameters; a bound keeps recursion off the stack limit.
const MAX_XML_DEPTH = 32;

function elementValue(el: XmlElement, depth: number): unknown {
  if (attributeOf(el, 'nil') === 'true') return null;
  const children = childElements(el);
  if (!children.length) return textOf(el);
  if (depth >= MAX_XML_DEPTH) throw xmlError('xmlTooDeep', { max: MAX_XML_DEPTH });
  return elementChildrenToObject(el, depth + 1);
}

/** Assignment that makes `__proto__` an own key (reported as unknown later) instead of a prototype. */
function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

function elementChildrenToObject(el: XmlElement, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const child of childElements(el)) {
    const name = String(child.name);
    const value = elementValue(child, depth);
    // an element's value is never an array, so an array here means "repeated"
    if (!Object.prototype.hasOwnProperty.call(out, name)) setOwn(out, name, value);
    else if (Array.isArray(out[name])) (out[name] as unknown[]).push(value);
    else out[name] = [out[name], value];
  }
  return out;
}

export interface FormParamOptions {
  now?: Date;
  /** the object's record as Twilio returns it, to recognise a record passed as the request */
  record?: RecordSchema;
  /** the account's default country for national phone numbers */
  defaultCountry?: string;
}

function isAbsent(v: unknown): boolean {
  return v === undefined || v === null;
}

function isEmpty(v: unknown): boolean {
  return isAbsent(v) || v === '' || (Array.isArray(v) && v.every((x) => isAbsent(x) || x === ''));
}

function unknownParameter(name: string, params: readonly Param[], operation: string): TwilioNodeError {
  const names = params.map((p) => p.name);
  const matches = closeMatches(name, names);
  let hint: string;
  if (names.length === 0) hint = t('errors.hintNoParameters', { operation });
  else if (matches.length && matches.every((m) => isCaseOnly(name, m))) hint = t('errors.hintCaseSensitive', { matches: quoteList(matches) });
  else if (matches.length) hint = t('errors.hintDidYouMean', { matches: quoteList(matches) });
  else hint = t('errors.hintExpected', { names: names.join(', ') });
  return new TwilioNodeError(t('errors.paramUnknown', { name: userText(name), operation, hint }), ErrorCodes.unknownParameter)
    .withStatus(t('status.unknown', { name }));
}

/**
 * A record of this object as Twilio returns it (a query's output wired straight into an update):
 * most of its names are the record's snake_case fields, none of them parameters. Fields are never
 * turned into parameters (a record's `status` would end a call), so the error says what to set.
 */
function recordAsRequest(doc: Record<string, unknown>, params: readonly Param[], operation: string,
  record?: RecordSchema): TwilioNodeError | undefined {
  if (!record) return undefined;
  const names = Object.keys(doc || {});
  const paramNames = new Set(params.map((p) => p.name));
  const fields = new Set(record.fields.map((f) => f.name));
  const recordFields = names.filter((n) => fields.has(n) && !paramNames.has(n));
  if (recordFields.length < 2 || recordFields.length * 2 < names.length) return undefined;
  const shown = recordFields.slice(0, 4).map((n) => `"${n}"`).join(', ') + (recordFields.length > 4 ? ', …' : '');
  return new TwilioNodeError(t('errors.recordAsRequest', { element: record.element, fields: shown, operation }), ErrorCodes.invalidRequest)
    .withStatus(t('status.recordAsRequest'));
}

/**
 * The form parameters of a Create/Update: the document merged over the static parameters
 * (the document wins; null/undefined count as left out), checked against the catalog and
 * encoded as text (repeated parameters as arrays), in catalog order.
 */
export function buildFormParams(
  op: Operation,
  doc: Record<string, unknown>,
  staticParams: Record<string, unknown>,
  opts: FormParamOptions = {},
): Record<string, string | string[]> {
  const params = op.params || [];
  const operation = operationLabel(op);
  const byName = new Map(params.map((p) => [p.name, p]));
  const asRecord = recordAsRequest(doc, params, operation, opts.record);
  if (asRecord) throw asRecord;
  const merged: Record<string, unknown> = Object.create(null);
  for (const source of [staticParams || {}, doc || {}]) {
    for (const [name, value] of Object.entries(source)) {
      if (!byName.has(name)) throw unknownParameter(name, params, operation);
      if (!isAbsent(value)) merged[name] = value;
    }
  }

  for (const p of params) {
    if (!p.required) continue;
    if (isAbsent(merged[p.name])) {
      throw new TwilioNodeError(t('errors.paramMissing', { name: p.name, operation }), ErrorCodes.missingParameter).withStatus(t('status.missing', { name: p.name }));
    }
    if (isEmpty(merged[p.name])) {
      throw new TwilioNodeError(t('errors.paramEmptyRequired', { name: p.name, operation }), ErrorCodes.missingParameter).withStatus(t('status.missing', { name: p.name }));
    }
  }
  for (const group of op.conditional || []) {
    if (!group.some((name) => !isEmpty(merged[name]))) {
      throw new TwilioNodeError(
        t('errors.paramGroup', { operation, names: quoteList(group) }),
        ErrorCodes.missingParameter,
      );
    }
  }

  const out: Record<string, string | string[]> = {};
  for (const p of params) {
    if (!(p.name in merged)) continue;
    // The subject is only read to word a failure: translated then, not for every value sent.
    const valueOpts = {
      get subject() { return t('errors.subjectParam', { name: p.name, operation }); },
      code: ErrorCodes.invalidParameter, now: opts.now, defaultCountry: opts.defaultCountry,
    };
    const value = merged[p.name];
    if (p.array) {
      const items = (Array.isArray(value) ? value : [value]).filter((v) => !isAbsent(v));
      if (p.maxItems !== undefined && items.length > p.maxItems) {
        throw new TwilioNodeError(t('errors.valueTooMany', { subject: valueOpts.subject, max: p.maxItems, count: items.length }), ErrorCodes.invalidParameter);
      }
      if (items.length) out[p.name] = items.map((v) => encodeValue(p, v, valueOpts));
    } else {
      if (Array.isArray(value)) {
        throw new TwilioNodeError(t('errors.valueNotSingle', { subject: valueOpts.subject, count: value.length }), ErrorCodes.invalidParameter);
      }
      out[p.name] = encodeValue(p, value, valueOpts);
    }
  }
  return out;
}

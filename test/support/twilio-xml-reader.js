// Reads Twilio's 2010 XML back into records and pages, with the catalog's types: the tests'
// way to check what the nodes' XML writer (nodes/response/twilio-xml.ts) produced. Test-only,
// so it lives here, not in the published package.
const { attributeOf, childElements, parserReason, readXmlTopLevel, textOf } = require('../../dist/nodes/request/read-xml.js');
const { decodeXmlName, pascalCase } = require('../../dist/nodes/response/twilio-xml.js');
const { snakeCase } = require('../../dist/nodes/catalog/names.js');
const { ErrorCodes, TwilioNodeError } = require('../../dist/nodes/common/errors.js');
const { t } = require('../../dist/nodes/common/i18n.js');

const PAGE_ATTRIBUTES = ['page', 'numPages', 'pageSize', 'total', 'start', 'end', 'uri', 'firstPageUri', 'previousPageUri', 'nextPageUri', 'lastPageUri'];
const NUMERIC_PAGE_ATTRIBUTES = new Set(['page', 'numPages', 'pageSize', 'total', 'start', 'end']);

function notRecord(element, found) {
  return new TwilioNodeError(t('errors.xmlNotRecord', { element, found }), ErrorCodes.invalidXml);
}

function parse(xml) {
  let roots;
  try {
    roots = readXmlTopLevel(xml);
  } catch (err) {
    throw new TwilioNodeError(t('errors.xmlParseResponse', { reason: parserReason(err) }), ErrorCodes.invalidXml);
  }
  if (roots.length !== 1) throw new TwilioNodeError(t('errors.xmlParseResponse', { reason: `${roots.length} root elements` }), ErrorCodes.invalidXml);
  return roots[0];
}

function readOne(el, declared) {
  if (attributeOf(el, 'nil') === 'true') return null;
  if (attributeOf(el, 'encoding') === 'json') return JSON.parse(textOf(el));
  const type = attributeOf(el, 'type');
  const kids = childElements(el);
  if (kids.length || type === 'object' || (!type && declared === 'object')) return readChildren(kids, mapKey);
  const text = textOf(el);
  switch (type || declared) {
    case 'number':
    case 'integer':
      return text.trim() === '' ? text : Number(text);
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : text;
    default:
      return text;
  }
}

function mapKey(name) {
  return { key: decodeXmlName(name), declared: 'string', items: 'string' };
}

function readChildren(kids, resolve) {
  const out = {};
  for (const kid of kids) {
    const { key, declared, items } = resolve(String(kid.name));
    const array = attributeOf(kid, 'array');
    let value;
    if (array === 'empty') value = [];
    else if (array === 'true') {
      const existing = Object.prototype.hasOwnProperty.call(out, key) ? out[key] : undefined;
      const list = Array.isArray(existing) ? existing : [];
      list.push(readOne(kid, items));
      value = list;
    } else value = readOne(kid, declared);
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

const byElementCache = new WeakMap();

/** Reads a record element (`<Message>…</Message>`) with the catalog's types. */
function readRecordElement(el, schema) {
  let byElement = byElementCache.get(schema);
  if (!byElement) {
    byElement = new Map(schema.fields.map((f) => [pascalCase(f.name), f]));
    byElementCache.set(schema, byElement);
  }
  return readChildren(childElements(el), (name) => {
    const f = byElement.get(name);
    if (f) return { key: f.name, declared: f.type, items: f.items || 'string' };
    // fields the catalog lacks: PascalCase names were snake_case keys, others verbatim
    const key = /^[A-Z][A-Za-z0-9]*$/.test(name) ? snakeCase(name) : decodeXmlName(name);
    return { key, declared: 'string', items: 'string' };
  });
}

/** A record from `<TwilioResponse><Message>…</Message></TwilioResponse>` (or a bare `<Message>`). */
function xmlToRecord(xml, schema) {
  let el = parse(xml);
  if (el.name === 'TwilioResponse') {
    const kids = childElements(el);
    if (kids.length !== 1) throw notRecord(schema.element, kids.map((k) => k.name).join(', ') || 'nothing');
    el = kids[0];
  }
  if (el.name !== schema.element) throw notRecord(schema.element, String(el.name));
  return readRecordElement(el, schema);
}

/** A page from `<TwilioResponse><Messages page=…>…</Messages></TwilioResponse>`: {listElement, attrs, records}. */
function xmlToPage(xml, schema) {
  const root = parse(xml);
  const kids = root.name === 'TwilioResponse' ? childElements(root) : [];
  if (kids.length !== 1) throw notRecord(schema.element, String(root.name));
  const list = kids[0];
  const attrs = {};
  for (const key of PAGE_ATTRIBUTES) {
    const v = attributeOf(list, key.toLowerCase());
    if (v !== undefined) attrs[key] = NUMERIC_PAGE_ATTRIBUTES.has(key) ? Number(v) : v;
  }
  const records = childElements(list).map((el) => {
    if (el.name !== schema.element) throw notRecord(schema.element, String(el.name));
    return readRecordElement(el, schema);
  });
  return { listElement: String(list.name), attrs, records };
}

module.exports = { xmlToRecord, xmlToPage };

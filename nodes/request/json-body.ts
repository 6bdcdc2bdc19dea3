// The JSON request body of a product operation that declares `application/json` (Content
// templates, Numbers, Flex, …): the request document as given — snake_case and nested, as the
// schema declares it — with static parameter rows filling top-level keys it leaves out,
// checked against the schema before anything is sent (docs/catalog.md, "JSON bodies").
import type { JsonSchema, Operation } from '../catalog/types';
import { ErrorCodes, TwilioNodeError } from '../common/errors';
import { t } from '../common/i18n';
import { operationLabel } from '../common/hints';

// Bounds the work a hostile document can cause.
const MAX_DEPTH = 32;

function invalid(operation: string, at: string, problem: string): TwilioNodeError {
  return new TwilioNodeError(t('errors.jsonBodyInvalid', { operation, at: at || '(body)', problem }), ErrorCodes.invalidParameter);
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeMatches(want: string, v: unknown): boolean {
  const got = typeOf(v);
  return got === want || (want === 'number' && got === 'integer');
}

/** The first problem of a value against a schema (undefined when it fits), as `at: problem`. */
export function jsonProblem(schema: JsonSchema | undefined, v: unknown, at = '', depth = 0): [string, string] | undefined {
  if (!schema || depth > MAX_DEPTH) return undefined;
  if (v === null) return schema.nullable || !schema.type ? undefined : [at, t('errors.jsonNull')];
  const alternatives = schema.oneOf || schema.anyOf;
  if (alternatives && alternatives.length && alternatives.every((s) => jsonProblem(s, v, at, depth + 1))) {
    return jsonProblem(alternatives[0], v, at, depth + 1);
  }
  for (const s of schema.allOf || []) {
    const p = jsonProblem(s, v, at, depth + 1);
    if (p) return p;
  }
  if (schema.type && !typeMatches(schema.type, v)) return [at, t('errors.jsonType', { want: schema.type, got: typeOf(v) })];
  if (schema.enum && !schema.enum.includes(v)) return [at, t('errors.jsonEnum', { values: schema.enum.map(String).join(', ') })];
  if (typeOf(v) === 'array') {
    const items = v as unknown[];
    if (schema.maxItems !== undefined && items.length > schema.maxItems) return [at, t('errors.jsonTooMany', { max: schema.maxItems })];
    for (let i = 0; i < items.length; i++) {
      const p = jsonProblem(schema.items, items[i], `${at}[${i}]`, depth + 1);
      if (p) return p;
    }
  }
  if (typeOf(v) === 'object') return objectProblem(schema, v as Record<string, unknown>, at, depth);
  return undefined;
}

function objectProblem(schema: JsonSchema, obj: Record<string, unknown>, at: string, depth: number): [string, string] | undefined {
  const key = (k: string) => (at ? `${at}.${k}` : k);
  for (const name of schema.required || []) {
    if (obj[name] === undefined) return [key(name), t('errors.jsonMissing')];
  }
  const props = schema.properties;
  for (const [k, val] of Object.entries(obj)) {
    const ps = props && Object.prototype.hasOwnProperty.call(props, k) ? props[k] : schema.additionalProperties;
    // A schema with declared properties names every key it takes; a free-form one takes any.
    if (!ps && props && Object.keys(props).length) return [key(k), t('errors.jsonUnknown', { names: Object.keys(props).join(', ') })];
    const p = jsonProblem(ps, val, key(k), depth + 1);
    if (p) return p;
  }
  return undefined;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !Buffer.isBuffer(v);
}

/** The body to send: the document (an object; XML is refused) over the static rows, checked. */
export function buildJsonBody(op: Operation, doc: unknown, statics: Record<string, unknown>): Record<string, unknown> {
  const operation = operationLabel(op);
  if (typeof doc === 'string' || Buffer.isBuffer(doc)) throw new TwilioNodeError(t('errors.jsonBodyText', { operation }), ErrorCodes.invalidRequest);
  if (doc !== undefined && doc !== null && !isPlainObject(doc)) throw invalid(operation, '', t('errors.jsonType', { want: 'object', got: typeOf(doc) }));
  const body: Record<string, unknown> = { ...statics };
  for (const [k, v] of Object.entries((doc as Record<string, unknown>) || {})) if (v !== undefined) body[k] = v;
  const problem = jsonProblem(op.bodySchema, body);
  if (problem) throw invalid(operation, problem[0], problem[1]);
  return body;
}

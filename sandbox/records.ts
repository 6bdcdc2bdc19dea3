// Builds and shapes records: every field of the catalog schema, typed as the
// schema says, so responses validate against Twilio's response schemas.
import * as crypto from 'crypto';
import type { Field, RecordSchema } from '../nodes/catalog/types';
import { RECORD_DEFAULTS } from './data';
import { parseAsGmt, toRfc2822 } from './dates';

export type Rec = Record<string, unknown>;

export function newSid(prefix: string): string {
  return prefix + crypto.randomBytes(16).toString('hex');
}

export function newSecret(): string {
  return crypto.randomBytes(24).toString('base64url');
}

/** A value for a field nobody set: the schema default table, else typed or null. */
export function defaultValue(schemaName: string, field: Field, nowRfc: string): unknown {
  const table = RECORD_DEFAULTS[schemaName];
  if (table && Object.prototype.hasOwnProperty.call(table, field.name)) {
    const v = table[field.name];
    return v === '$now' ? nowRfc : v;
  }
  if (field.format === 'date-time-rfc-2822' && (field.name === 'date_created' || field.name === 'date_updated')) {
    return nowRfc;
  }
  if (field.format === 'date-time' && (field.name === 'date_created' || field.name === 'date_updated')) {
    return isoOf(nowRfc);
  }
  if (field.name === 'api_version') return '2010-04-01';
  // An enum field always holds one of its values: null is not among them.
  if (field.enum && field.enum.length && field.type !== 'array') return field.enum[0];
  if (field.nullable !== false && field.nullable !== undefined) return null;
  if (field.format === 'iso-country-code') return 'US';
  const prefix = field.pattern && /^\^([A-Z]{2})\[0-9a-fA-F\]\{32\}\$$/.exec(field.pattern);
  if (prefix) return prefix[1] + '0'.repeat(32);
  switch (field.type) {
    case 'integer':
    case 'number':
      return 0;
    case 'boolean':
      return false;
    case 'object':
      return {};
    case 'array':
      return [];
    default:
      return '';
  }
}

/** Coerces a form or seed value to the field's type; undefined when it cannot. */
export function coerce(field: Field, value: unknown): unknown {
  if (value === null) return null;
  const first = Array.isArray(value) && field.type !== 'array' ? value[0] : value;
  switch (field.type) {
    case 'boolean':
      if (typeof first === 'boolean') return first;
      if (first === 'true' || first === 'True') return true;
      if (first === 'false' || first === 'False') return false;
      return undefined;
    case 'integer': {
      const n = typeof first === 'number' ? first : Number(first);
      return Number.isInteger(n) ? n : undefined;
    }
    case 'number': {
      const n = typeof first === 'number' ? first : Number(first);
      return Number.isFinite(n) ? n : undefined;
    }
    case 'array':
      return Array.isArray(value) ? value : [value];
    case 'object':
      if (typeof first === 'object') return first;
      if (typeof first === 'string') {
        try {
          const parsed: unknown = JSON.parse(first);
          return parsed !== null && typeof parsed === 'object' ? parsed : undefined;
        } catch {
          return undefined;
        }
      }
      return undefined;
    default:
      if (field.format === 'date-time-rfc-2822') return toRfc2822Value(first);
      if (first instanceof Date) return first.toISOString();
      return typeof first === 'string' ? first : String(first);
  }
}

/** A date given as RFC 2822, ISO 8601, epoch ms or Date, written as Twilio does. */
function toRfc2822Value(value: unknown): string | undefined {
  if (value instanceof Date) return toRfc2822(value.getTime());
  if (typeof value === 'number') return toRfc2822(value);
  if (typeof value !== 'string') return undefined;
  const ms = parseAsGmt(value);
  return ms === undefined ? value : toRfc2822(ms);
}

/**
 * A record with every field of `schema`: `fixed` wins (Sids, parents, uri), then
 * `given` (coerced; unknown keys dropped), then defaults.
 */
/** The product APIs' date-time (ISO 8601, whole seconds) of an RFC 2822 time. */
export function isoOf(rfc: string): string {
  return new Date(rfc).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function buildRecord(
  schemaName: string,
  schema: RecordSchema,
  given: Rec,
  fixed: Rec,
  nowRfc: string,
): Rec {
  const rec: Rec = {};
  for (const field of schema.fields) {
    if (Object.prototype.hasOwnProperty.call(fixed, field.name)) {
      rec[field.name] = fixed[field.name];
      continue;
    }
    if (Object.prototype.hasOwnProperty.call(given, field.name)) {
      const v = coerce(field, given[field.name]);
      if (v !== undefined) {
        rec[field.name] = v;
        continue;
      }
    }
    rec[field.name] = defaultValue(schemaName, field, nowRfc);
  }
  return rec;
}

/**
 * The record as an operation's response schema shows it: the schema's fields in its
 * order, missing ones defaulted (a Local number read through the main list, a key
 * without its one-time secret).
 */
export function project(rec: Rec, schemaName: string, schema: RecordSchema, nowRfc: string): Rec {
  const out: Rec = {};
  for (const field of schema.fields) {
    out[field.name] = Object.prototype.hasOwnProperty.call(rec, field.name)
      ? rec[field.name]
      : defaultValue(schemaName, field, nowRfc);
  }
  return out;
}

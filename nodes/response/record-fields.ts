// Shaping output records: the node's field selection and date style.
//
// Field selection keeps exactly the selected fields, nothing more: the record's chain is
// already carried by msg.sid / msg.twilio.chain, so identity fields are not added back.
// A selected field the record lacks is left out (not set to undefined or null).
import type { RecordSchema } from '../catalog/types';
import { convertRecordDates } from '../request/dates';

/** A record with only `fields` (empty or missing = the record itself, unchanged). */
export function selectFields<T extends object>(record: T, fields?: readonly string[]): Partial<T> {
  if (!fields || fields.length === 0) return record;
  const out: Record<string, unknown> = {};
  const src = record as Record<string, unknown>;
  for (const f of fields) if (Object.prototype.hasOwnProperty.call(src, f)) out[f] = src[f];
  return out as Partial<T>;
}

export interface ShapeOptions {
  fields?: readonly string[];
  dates?: 'rfc2822' | 'iso';
  /** keep credential fields (an Auth Token) instead of the redaction marker */
  revealCredentials?: boolean;
}

/** What a credential field holds in an output unless the node reveals credentials. */
export const REDACTED = '[redacted]';

const credentialCache = new WeakMap<RecordSchema, string[]>();

/** The schema's credential fields (marked by the generator's table). */
export function credentialFields(schema: RecordSchema | undefined): string[] {
  if (!schema) return [];
  let names = credentialCache.get(schema);
  if (!names) {
    names = schema.fields.filter((f) => f.credential).map((f) => f.name);
    credentialCache.set(schema, names);
  }
  return names;
}

/** A copy of the record with each credential field that holds a value replaced by REDACTED. */
export function redactCredentials<T extends object>(record: T, names: readonly string[]): T {
  const src = record as Record<string, unknown>;
  if (!names.some((n) => src[n] !== undefined && src[n] !== null)) return record;
  const out = { ...src };
  for (const n of names) if (out[n] !== undefined && out[n] !== null) out[n] = REDACTED;
  return out as T;
}

/**
 * One function per (schema, options) that selects fields and converts dates, so a large
 * query pays the option checks once rather than per record.
 */
export function recordShaper(schema: RecordSchema | undefined, opts: ShapeOptions): <T extends object>(record: T) => T {
  const shape = fieldsAndDates(schema, opts);
  const secrets = opts.revealCredentials ? [] : credentialFields(schema);
  if (!secrets.length) return shape;
  return (r) => shape(redactCredentials(r, secrets));
}

function fieldsAndDates(schema: RecordSchema | undefined, opts: ShapeOptions): <T extends object>(record: T) => T {
  const fields = opts.fields && opts.fields.length ? opts.fields : undefined;
  const iso = opts.dates === 'iso' && schema !== undefined;
  if (!fields && !iso) return (r) => r;
  if (!fields) return (r) => convertRecordDates(r, schema as RecordSchema);
  if (!iso) return (r) => selectFields(r, fields) as typeof r;
  return (r) => convertRecordDates(selectFields(r, fields), schema as RecordSchema) as typeof r;
}

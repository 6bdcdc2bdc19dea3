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
}

/**
 * One function per (schema, options) that selects fields and converts dates, so a large
 * query pays the option checks once rather than per record.
 */
export function recordShaper(schema: RecordSchema | undefined, opts: ShapeOptions): <T extends object>(record: T) => T {
  const fields = opts.fields && opts.fields.length ? opts.fields : undefined;
  const iso = opts.dates === 'iso' && schema !== undefined;
  if (!fields && !iso) return (r) => r;
  if (!fields) return (r) => convertRecordDates(r, schema as RecordSchema);
  if (!iso) return (r) => selectFields(r, fields) as typeof r;
  return (r) => convertRecordDates(selectFields(r, fields), schema as RecordSchema) as typeof r;
}

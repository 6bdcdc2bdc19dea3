// A page of 1000 records, projected and stringified anew on every request, was what capped the
// benchmark's queries (sandbox-ceiling). A record's response text is kept with the record object
// and spliced into the page as it is written. Records are replaced, never edited in place
// (Collection.replace), so an object's text stays true for as long as the object is stored.
import type { RecordSchema } from '../nodes/catalog/types';
import { project, type Rec } from './records';

/** A record whose JSON text is already written, as bytes; toJsonBytes() splices it into the body. */
export class RecordText {
  constructor(readonly schemaName: string, readonly bytes: Buffer) {}
}

const kept = new WeakMap<Rec, RecordText>();
// A field that defaults to "now" differs from one response to the next: such texts are not kept.
const ANOTHER_NOW = 'Thu, 01 Jan 2099 00:00:00 +0000';

/**
 * The record as `schemaName` shows it, as JSON bytes. Kept as bytes, not strings: 200,000
 * records' texts as strings made the sandbox's heap ~760 MB and its page rate swing with its GC.
 */
export function recordText(rec: Rec, schemaName: string, schema: RecordSchema, nowRfc: string): RecordText {
  const hit = kept.get(rec);
  if (hit && hit.schemaName === schemaName) return hit;
  const text = JSON.stringify(project(rec, schemaName, schema, nowRfc));
  const out = new RecordText(schemaName, Buffer.from(text));
  if (JSON.stringify(project(rec, schemaName, schema, ANOTHER_NOW)) === text) kept.set(rec, out);
  return out;
}

const MARK = '\u0000record:';
const MARKED = /"\\u0000record:(\d+)"/g;
const COMMA = Buffer.from(',');

/** JSON.stringify as UTF-8 bytes, each RecordText written as its bytes. */
export function toJsonBytes(body: unknown): Buffer {
  const records: Buffer[] = [];
  const json = JSON.stringify(body, (_key, v: unknown) => (v instanceof RecordText ? MARK + (records.push(v.bytes) - 1) : v));
  if (!records.length) return Buffer.from(json);
  const parts: Buffer[] = [];
  let from = 0;
  for (const m of json.matchAll(MARKED)) {
    const between = json.slice(from, m.index);
    parts.push(between === ',' ? COMMA : Buffer.from(between), records[Number(m[1])]);
    from = (m.index as number) + m[0].length;
  }
  parts.push(Buffer.from(json.slice(from)));
  return Buffer.concat(parts);
}

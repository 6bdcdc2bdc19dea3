// A page of 1000 records, projected and stringified anew on every request, was what capped the
// benchmark's queries (sandbox-ceiling). A record's response text is kept with the record object
// and spliced into the page as it is written. Records are replaced, never edited in place
// (Collection.replace), so an object's text stays true for as long as the object is stored.
import type { RecordSchema } from '../nodes/catalog/types';
import { project, type Rec } from './records';

/** A record whose JSON text is already written; toJsonText() splices it into the body. */
export class RecordText {
  constructor(readonly schemaName: string, readonly text: string) {}
}

const kept = new WeakMap<Rec, RecordText>();
// A field that defaults to "now" differs from one response to the next: such texts are not kept.
const ANOTHER_NOW = 'Thu, 01 Jan 2099 00:00:00 +0000';

/** The record as `schemaName` shows it, as text. */
export function recordText(rec: Rec, schemaName: string, schema: RecordSchema, nowRfc: string): RecordText {
  const hit = kept.get(rec);
  if (hit && hit.schemaName === schemaName) return hit;
  const out = new RecordText(schemaName, JSON.stringify(project(rec, schemaName, schema, nowRfc)));
  if (JSON.stringify(project(rec, schemaName, schema, ANOTHER_NOW)) === out.text) kept.set(rec, out);
  return out;
}

const MARK = '\u0000record:';
const MARKED = /"\\u0000record:(\d+)"/g;

/** JSON.stringify that writes each RecordText as its text. */
export function toJsonText(body: unknown): string {
  const texts: string[] = [];
  const json = JSON.stringify(body, (_key, v: unknown) => (v instanceof RecordText ? MARK + (texts.push(v.text) - 1) : v));
  return texts.length ? json.replace(MARKED, (_m, i: string) => texts[Number(i)]) : json;
}

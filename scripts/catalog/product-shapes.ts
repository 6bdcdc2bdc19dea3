// What the product APIs declare differently from v2010, turned into catalog data: JSON
// request-body schemas (inlined, trimmed to what validation needs) and date filters that the
// products spell as a pair (DateCreatedAfter/DateCreatedBefore → one filter with on-or-after
// and on-or-before; docs/catalog.md, "Date filters").
import type { Filter } from '../../nodes/catalog/types';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Schema = any;

const KEPT = ['type', 'format', 'enum', 'required', 'nullable', 'minimum', 'maximum', 'minLength', 'maxLength', 'maxItems', 'pattern'];
// Bodies nest a few levels (Content types → card → actions); deeper than this is taken as free-form.
const MAX_DEPTH = 8;

/** A request body's JSON schema with $refs inlined and descriptions dropped. */
export function bodySchemaOf(spec: Schema, schema: Schema, depth = 0, seen: string[] = []): Schema {
  let s = schema || {};
  const ref = s.$ref ? String(s.$ref).replace('#/components/schemas/', '') : undefined;
  if (ref) {
    if (seen.includes(ref) || depth > MAX_DEPTH) return {};
    s = spec.components.schemas[ref] || {};
    seen = [...seen, ref];
  }
  const out: Schema = {};
  for (const k of KEPT) if (s[k] !== undefined) out[k] = s[k];
  if (s.properties) {
    out.properties = {};
    for (const [name, ps] of Object.entries<Schema>(s.properties)) out.properties[name] = bodySchemaOf(spec, ps, depth + 1, seen);
  }
  if (s.items) out.items = bodySchemaOf(spec, s.items, depth + 1, seen);
  for (const k of ['oneOf', 'anyOf', 'allOf']) {
    if (Array.isArray(s[k])) out[k] = s[k].map((x: Schema) => bodySchemaOf(spec, x, depth + 1, seen));
  }
  if (s.additionalProperties && typeof s.additionalProperties === 'object') {
    out.additionalProperties = bodySchemaOf(spec, s.additionalProperties, depth + 1, seen);
  }
  return out;
}

const isDate = (f: Filter) => f.format === 'date' || f.format === 'date-time';

/**
 * `XAfter` and `XBefore` (both dates) become one filter `X` whose on-or-after and on-or-before
 * send them; every other filter stays as it is (eq).
 */
export function pairDateRanges(filters: Filter[]): Filter[] {
  const byName = new Map(filters.map((f) => [f.name, f]));
  const paired = new Set<string>();
  const out: Filter[] = [];
  for (const f of filters) {
    const m = /^(.+)After$/.exec(f.name);
    const before = m ? byName.get(`${m[1]}Before`) : undefined;
    if (m && before && isDate(f) && isDate(before) && !byName.has(m[1])) {
      const range: Filter = { name: m[1], type: f.type, range: { after: f.name, before: before.name } };
      if (f.format) range.format = f.format;
      if (f.description || before.description) range.description = [f.description, before.description].filter(Boolean).join(' ');
      out.push(range);
      paired.add(f.name).add(before.name);
    }
  }
  return [...out, ...filters.filter((f) => !paired.has(f.name))];
}

// What the sandbox derives from the catalog once at start: per object, where its
// records live, how their Sids look, their instance path and sub-resources.
import type { Catalog, CatalogObject, Operation, RecordSchema } from '../nodes/catalog/types';
import { SHARED_STORE, SID_PREFIX_FALLBACK } from './data';
import { snakeCase } from '../nodes/catalog/names';

export interface ObjectModel {
  object: CatalogObject;
  /** objects sharing records use one store key */
  storeKey: string;
  /** the schema records are built with (Get's, else Query's, else Create's) */
  schemaName: string;
  schema: RecordSchema;
  /** Get/Update/Delete operation, when the object has one with a Sid in its path */
  instanceOp?: Operation;
  /** the list path (Query or Create) */
  listOp?: Operation;
  /** two-letter (or `(SM|MM)`'s first) Sid prefix for new records, when known */
  sidPrefix?: string;
  /** the instance path records' `uri` names (the sharing object's, for a Local number) */
  uriOp?: Operation;
  /** records have an instance path (here or in the object whose store this shares) */
  addressable: boolean;
  /** sub-resource list path templates by snake_case key (`media`, `recordings`) */
  subresources: Array<{ key: string; template: string }>;
}


/** The first literal prefix a Sid pattern allows: `^CA[0-9a-fA-F]{32}$` → CA, `^(SM|MM)…` → SM. */
export function prefixOfPattern(pattern: string | undefined): string | undefined {
  if (!pattern) return undefined;
  const m = /^\^\(?([A-Z]{2})/.exec(pattern);
  return m ? m[1] : undefined;
}

function normalize(template: string): string {
  return template.replace(/\{\w+\}/g, '{}');
}

export class CatalogModel {
  readonly objects = new Map<string, ObjectModel>();
  /** response field name → Sid pattern, learned from every path parameter and form parameter */
  readonly fieldPatterns = new Map<string, string>();
  private readonly byNormalizedInstancePath = new Map<string, ObjectModel>();

  constructor(readonly catalog: Catalog) {
    this.learnFieldPatterns();
    for (const object of Object.values(catalog.objects)) this.objects.set(object.id, this.buildModel(object));
    for (const m of this.objects.values()) {
      if (m.instanceOp) this.byNormalizedInstancePath.set(normalize(m.instanceOp.path), m);
    }
    for (const m of this.objects.values()) {
      const owner = this.objects.get(m.storeKey);
      if (owner && owner !== m) {
        m.addressable = owner.addressable;
        m.uriOp = m.uriOp ?? owner.uriOp;
        m.sidPrefix = m.sidPrefix ?? owner.sidPrefix;
      }
    }
    this.linkSubresources();
    for (const m of this.objects.values()) {
      const owner = this.objects.get(m.storeKey);
      if (owner && owner !== m && !m.subresources.length) m.subresources = owner.subresources;
    }
  }

  model(objectId: string): ObjectModel {
    const m = this.objects.get(objectId);
    if (!m) throw new Error(`unknown object ${objectId}`);
    return m;
  }

  schema(name: string | undefined): RecordSchema | undefined {
    return name ? this.catalog.schemas[name] : undefined;
  }

  /** The object whose instance path is `template` (parameter names ignored). */
  objectAtInstancePath(template: string): ObjectModel | undefined {
    return this.byNormalizedInstancePath.get(normalize(template));
  }

  private learnFieldPatterns(): void {
    this.fieldPatterns.set('account_sid', '^AC[0-9a-fA-F]{32}$');
    for (const object of Object.values(this.catalog.objects)) {
      for (const op of Object.values(object.actions)) {
        if (!op) continue;
        for (const part of op.chain) {
          if (part.field && part.field !== 'sid' && part.pattern) this.fieldPatterns.set(part.field, part.pattern);
        }
        const schema = op.response ? this.catalog.schemas[op.response] : undefined;
        for (const f of schema?.fields ?? []) {
          if (f.pattern && f.name !== 'sid' && prefixOfPattern(f.pattern) && !this.fieldPatterns.has(f.name)) this.fieldPatterns.set(f.name, f.pattern);
        }
        for (const p of op.params ?? []) {
          const field = snakeCase(p.name);
          if (p.pattern && /Sid$/.test(p.name) && !this.fieldPatterns.has(field)) this.fieldPatterns.set(field, p.pattern);
        }
      }
    }
  }

  private buildModel(object: CatalogObject): ObjectModel {
    const a = object.actions;
    const instanceOp = [a.get, a.update, a.delete].find((op) => op && op.chain.length > 0 && op.status < 300);
    const listOp = a.query ?? a.create;
    const schemaName = (a.get?.status ?? 200) < 300 && a.get?.response
      ? a.get.response
      : (a.query?.response ?? a.create?.response ?? a.update?.response ?? a.get?.response) as string;
    const schema = this.catalog.schemas[schemaName];
    return {
      object,
      storeKey: SHARED_STORE[object.id] ?? object.id,
      schemaName,
      schema,
      instanceOp,
      listOp,
      sidPrefix: this.sidPrefixOf(object, schema, schemaName),
      addressable: !!instanceOp,
      uriOp: instanceOp,
      subresources: [],
    };
  }

  private sidPrefixOf(object: CatalogObject, schema: RecordSchema | undefined, schemaName: string): string | undefined {
    const identity = schema?.identity ?? 'sid';
    // The instance path names the Sid pattern on some actions and not others (Conference Update).
    for (const op of Object.values(object.actions)) {
      const last = op?.chain[op.chain.length - 1];
      if (op && last && (last.field === identity || (!last.field && identity === 'sid' && last.name === 'Sid'))) {
        const p = prefixOfPattern(last.pattern);
        if (p) return p;
      }
    }
    if (identity !== 'sid') {
      const p = prefixOfPattern(this.fieldPatterns.get(identity));
      if (p) return p;
    }
    const own = schema?.fields.find((f) => f.name === identity);
    if (own && prefixOfPattern(own.pattern)) return prefixOfPattern(own.pattern);
    return SID_PREFIX_FALLBACK[schemaName];
  }

  private linkSubresources(): void {
    const lists: Array<{ template: string }> = [];
    for (const m of this.objects.values()) {
      for (const op of [m.object.actions.query, m.object.actions.create, m.object.actions.get]) {
        if (op) lists.push({ template: op.path });
      }
    }
    for (const m of this.objects.values()) {
      if (!m.instanceOp || !m.schema?.fields.some((f) => f.name === 'subresource_uris')) continue;
      const base = normalize(m.instanceOp.path).replace(/\.json$/, '/');
      const seen = new Set<string>();
      for (const l of lists) {
        const n = normalize(l.template);
        if (!n.startsWith(base)) continue;
        const rest = n.slice(base.length);
        const seg = /^([A-Za-z]+)\.json$/.exec(rest);
        if (!seg || seen.has(seg[1])) continue;
        seen.add(seg[1]);
        m.subresources.push({ key: snakeCase(seg[1]), template: m.instanceOp.path.replace(/\.json$/, '/') + seg[1] + '.json' });
      }
    }
  }
}

/** Fills `{Param}` placeholders; values are percent-encoded as a path segment. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? ''));
}

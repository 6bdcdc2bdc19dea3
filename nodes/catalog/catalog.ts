// Loads the catalog lazily: the index (nodes/catalog/index.json: ids, labels, products,
// actions) first, then an object's product file on first use (docs/catalog.md).
import * as path from 'path';
import * as fs from 'fs';
import type { Action, Catalog, CatalogIndex, CatalogObject, IndexedObject, IndexedProduct, Operation, RecordSchema } from './types';

/** The product every saved flow before the product APIs used. */
export const CORE_PRODUCT = 'api.v2010';

let index: CatalogIndex | undefined;
const products = new Map<string, Catalog>();
// Schema names are unique across products (the generator checks), so one map serves all.
const schemas = new Map<string, RecordSchema>();

function catalogDir(): string {
  // dist/nodes/catalog holds the JSON copied by the build, beside this module.
  return path.join(__dirname, '..', 'catalog');
}

export function catalogFile(product = CORE_PRODUCT): string {
  return path.join(catalogDir(), `${product}.json`);
}

const own = <T>(rec: Record<string, T>, key: string): T | undefined =>
  (Object.prototype.hasOwnProperty.call(rec, key) ? rec[key] : undefined);

export function loadIndex(): CatalogIndex {
  if (!index) index = JSON.parse(fs.readFileSync(path.join(catalogDir(), 'index.json'), 'utf8')) as CatalogIndex;
  return index;
}

/** One product's full catalog (objects and schemas), read on first use; v2010 by default. */
export function loadCatalog(product = CORE_PRODUCT): Catalog {
  let c = products.get(product);
  if (!c) {
    if (!own(loadIndex().products, product)) throw new Error(`unknown catalog product ${product}`);
    c = JSON.parse(fs.readFileSync(catalogFile(product), 'utf8')) as Catalog;
    for (const [name, s] of Object.entries(c.schemas)) schemas.set(name, s);
    products.set(product, c);
  }
  return c;
}

/** An object's index entry (label, product, parent, actions) without loading its product. */
export function indexEntry(id: string): IndexedObject | undefined {
  return own(loadIndex().objects, id);
}

export function productOf(id: string): IndexedProduct | undefined {
  const entry = indexEntry(id);
  return entry ? own(loadIndex().products, entry.product) : undefined;
}

export function findObject(id: string): CatalogObject | undefined {
  const entry = indexEntry(id);
  return entry ? own(loadCatalog(entry.product).objects, id) : undefined;
}

export function findOperation(id: string, action: Action): Operation | undefined {
  const obj = findObject(id);
  return obj ? obj.actions[action] : undefined;
}

/** The record schema of an operation whose object was found through this module. */
export function schemaOf(op: Operation): RecordSchema | undefined {
  return op.response ? schemas.get(op.response) : undefined;
}

const credentialNames = new Map<string, string[]>();

/**
 * Every field name a product's catalog (and v2010's) marks as a credential, for bodies no schema
 * describes (errors, redirects).
 */
export function allCredentialFields(product: string = CORE_PRODUCT): string[] {
  let names = credentialNames.get(product);
  if (!names) {
    const found = new Set<string>();
    for (const p of new Set([CORE_PRODUCT, product])) {
      for (const s of Object.values(loadCatalog(p).schemas)) for (const f of s.fields) if (f.credential) found.add(f.name);
    }
    names = [...found];
    credentialNames.set(product, names);
  }
  return names;
}

/**
 * Objects that support an action, in catalog order: of one product (v2010 by default, as
 * before the product APIs), or of every product with '*' (which loads them all).
 */
export function objectsFor(action: Action, product: string = CORE_PRODUCT): CatalogObject[] {
  const keys = product === '*' ? Object.keys(loadIndex().products) : [product];
  return keys.flatMap((k) => Object.values(loadCatalog(k).objects).filter((o) => o.actions[action]));
}

/** Index entries (id first) of the objects that support an action, across every product. */
export function indexedFor(action: Action): Array<IndexedObject & { id: string }> {
  return Object.entries(loadIndex().objects)
    .filter(([, o]) => o.actions.includes(action))
    .map(([id, o]) => ({ id, ...o }));
}

// Loads the generated catalog once and answers questions about objects and operations.
import * as path from 'path';
import * as fs from 'fs';
import type { Action, Catalog, CatalogObject, Operation, RecordSchema } from './types';

let cached: Catalog | undefined;

export function catalogFile(): string {
  // dist/nodes/catalog holds the JSON copied by the build, beside this module.
  return path.join(__dirname, '..', 'catalog', 'api.v2010.json');
}

export function loadCatalog(): Catalog {
  if (!cached) cached = JSON.parse(fs.readFileSync(catalogFile(), 'utf8')) as Catalog;
  return cached;
}

export function findObject(id: string): CatalogObject | undefined {
  const objects = loadCatalog().objects;
  return Object.prototype.hasOwnProperty.call(objects, id) ? objects[id] : undefined;
}

export function findOperation(id: string, action: Action): Operation | undefined {
  const obj = findObject(id);
  return obj ? obj.actions[action] : undefined;
}

export function schemaOf(op: Operation): RecordSchema | undefined {
  return op.response ? loadCatalog().schemas[op.response] : undefined;
}

let credentialNames: string[] | undefined;

/** Every field name the catalog marks as a credential, for bodies no schema describes (errors, redirects). */
export function allCredentialFields(): string[] {
  if (!credentialNames) {
    const names = new Set<string>();
    for (const s of Object.values(loadCatalog().schemas)) for (const f of s.fields) if (f.credential) names.add(f.name);
    credentialNames = [...names];
  }
  return credentialNames;
}

/** Objects that support an action, in catalog order. */
export function objectsFor(action: Action): CatalogObject[] {
  return Object.values(loadCatalog().objects).filter((o) => o.actions[action]);
}

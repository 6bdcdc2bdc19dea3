// In-memory state: records per account and collection, the account tree
// (which caller owns which subaccount) and the API keys the sandbox issued.
import type { Rec } from './records';

/** One list of records (an object's records under one set of parent Sids), oldest first. */
export class Collection {
  readonly byId = new Map<string, Rec>();
  private order: Rec[] = [];
  private removed = 0;
  private readonly removedSet = new WeakSet<Rec>();
  // Paging a large list asks for the same newest-first view once a page: it is kept until the
  // collection changes, with a field → value → position index for page tokens.
  private newest: readonly Rec[] | undefined;
  private positions = new Map<string, Map<string, number>>();

  get size(): number {
    return this.byId.size;
  }

  put(id: string, rec: Rec): void {
    const old = this.byId.get(id);
    if (old) this.markRemoved(old);
    this.byId.set(id, rec);
    this.order.push(rec);
    this.changed();
  }

  replace(id: string, rec: Rec): void {
    // Update keeps the record's place in the list order.
    const old = this.byId.get(id);
    if (!old) return this.put(id, rec);
    const i = this.order.indexOf(old);
    if (i >= 0) this.order[i] = rec;
    this.byId.set(id, rec);
    this.changed();
  }

  delete(id: string): boolean {
    const old = this.byId.get(id);
    if (!old) return false;
    this.byId.delete(id);
    this.markRemoved(old);
    this.changed();
    return true;
  }

  /** Newest first, stable for records inserted in one batch. Shared until the next change: read only. */
  newestFirst(): readonly Rec[] {
    if (this.newest) return this.newest;
    if (this.removed > 0) {
      this.order = this.order.filter((r) => !this.removedSet.has(r));
      this.removed = 0;
    }
    this.newest = this.order.slice().reverse();
    return this.newest;
  }

  /** Where the record whose `field` is `value` sits in newestFirst(), or -1. */
  positionOf(field: string, value: string): number {
    let index = this.positions.get(field);
    if (!index) {
      const built = new Map<string, number>();
      this.newestFirst().forEach((r, i) => {
        const key = r[field] === undefined || r[field] === null ? undefined : String(r[field]);
        if (key !== undefined && !built.has(key)) built.set(key, i);
      });
      this.positions.set(field, (index = built));
    }
    return index.get(value) ?? -1;
  }

  private changed(): void {
    this.newest = undefined;
    if (this.positions.size) this.positions = new Map();
  }

  private markRemoved(rec: Rec): void {
    this.removedSet.add(rec);
    this.removed++;
  }
}

export interface ApiKey {
  sid: string;
  secret: string;
  accountSid: string;
  /** standard keys may not touch /Accounts; main keys may */
  kind: 'standard' | 'main';
}

export class Store {
  private collections = new Map<string, Collection>();
  /** subaccount Sid → owner's Sid; a main account maps to itself */
  private accountOwner = new Map<string, string>();
  private keys = new Map<string, ApiKey>();

  reset(): void {
    this.collections = new Map();
    this.accountOwner = new Map();
    this.keys = new Map();
  }

  collection(key: string, create = true): Collection | undefined {
    let c = this.collections.get(key);
    if (!c && create) {
      c = new Collection();
      this.collections.set(key, c);
    }
    return c;
  }

  /** A record by its sid in any collection (Twilio lists a call's recordings under the account too). */
  findBySid(sid: string): Rec | undefined {
    for (const c of this.collections.values()) {
      const rec = c.byId.get(sid);
      if (rec) return rec;
    }
    return undefined;
  }

  /** Forget every collection under a parent record (its sub-resources) — keeps memory bounded. */
  dropCollectionsUnder(prefix: string): void {
    for (const k of this.collections.keys()) if (k.startsWith(prefix)) this.collections.delete(k);
  }

  isKnownAccount(sid: string): boolean {
    return this.accountOwner.has(sid);
  }

  registerMainAccount(sid: string): boolean {
    if (this.accountOwner.has(sid)) return false;
    this.accountOwner.set(sid, sid);
    return true;
  }

  registerSubaccount(sid: string, owner: string): void {
    this.accountOwner.set(sid, owner);
  }

  ownerOf(sid: string): string | undefined {
    return this.accountOwner.get(sid);
  }

  /** The caller's own account, or a subaccount it created. */
  mayActFor(caller: string, target: string): boolean {
    return caller === target || this.accountOwner.get(target) === caller;
  }

  addKey(key: ApiKey): void {
    this.keys.set(key.sid, key);
  }

  key(sid: string): ApiKey | undefined {
    return this.keys.get(sid);
  }

  removeKey(sid: string): void {
    this.keys.delete(sid);
  }
}

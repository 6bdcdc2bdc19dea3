// The five actions, once for every object: the catalog operation says where records
// live, which fields they have and what the answer looks like.
import type { Field, Operation, RecordSchema } from '../nodes/catalog/types';
import { notFoundError } from './errors';
import { compileFilters, type Query } from './filters';
import { CatalogModel, fillTemplate, type ObjectModel } from './model';
import { snakeCase } from '../nodes/catalog/names';
import { buildRecord, coerce, isoOf, newSecret, newSid, project, type Rec } from './records';
import { toRfc2822 } from './dates';
import type { Store } from './store';
import { checkForm, readPaging, type Form } from './validate';
import { checkJsonBody, metaPage } from './product-pages';
import { RecordText, recordText } from './record-text';
import { behaviourOf } from './behaviours';
import type { Route } from './router';

export interface OpRequest {
  route: Route;
  /** the account the request acts on (the path's, or the caller's for /Accounts.json) */
  accountSid: string;
  /** the request path, no query string */
  path: string;
  query: Query;
  form: Form;
  /** the sandbox's own URL, for redirect targets */
  baseUrl: string;
}

export interface OpResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const GLOBAL = '*';

/** Where an operation's records live and which record it addresses. */
interface Address {
  model: ObjectModel;
  collectionKey: string;
  /** parent values, in chain order */
  parents: string[];
  /** the instance key (Get/Update/Delete), '' for a singleton */
  id?: string;
}

export class Operations {
  /**
   * `product` is set for a product API (its key and Twilio host): its records are kept per
   * calling account, its pages carry `meta`, its bodies may be JSON (docs/catalog.md, "Sandbox").
   */
  constructor(
    private readonly model: CatalogModel,
    private readonly store: Store,
    private readonly authToken: string,
    private readonly product?: { key: string; host: string },
  ) {}

  /** Records kept per account: everything but v2010's Accounts (kept globally, shared with subaccounts). */
  private scoped(m: ObjectModel): boolean {
    return !!this.product || (m.listOp ?? m.instanceOp ?? Object.values(m.object.actions)[0])?.accountScoped !== false;
  }

  handle(req: OpRequest): OpResult {
    const { op } = req.route;
    if (op.status >= 300 && op.status < 400) return this.redirect(req);
    const behaviour = behaviourOf(this.product?.key, op.operationId);
    const action = actionOf(req.route);
    if (behaviour && (action === 'create' || action === 'update')) this.checkBody(op, req.form);
    if (behaviour) {
      return behaviour(req, {
        store: this.store,
        respond: (r) => this.respond(op, r),
        collectionKey: (id, parents) => this.collectionKey(this.model.model(id), req.accountSid, parents),
        generic: () => this.dispatch(req),
      });
    }
    return this.dispatch(req);
  }

  private dispatch(req: OpRequest): OpResult {
    switch (actionOf(req.route)) {
      case 'query':
        return this.query(req);
      case 'create':
        return this.create(req);
      case 'update':
        return this.update(req);
      case 'delete':
        return this.remove(req);
      default:
        return this.get(req);
    }
  }

  /** A main account answers to the sandbox's Auth Token; its record is made on first use. */
  ensureMainAccount(sid: string): void {
    if (!this.store.registerMainAccount(sid)) return;
    const m = this.accountsModel();
    const now = toRfc2822(Date.now());
    const rec = buildRecord(m.schemaName, m.schema, {
      friendly_name: `Sandbox account ${sid}`,
      auth_token: this.authToken,
      ...this.computedFields(m, sid, [], sid),
    }, { sid, owner_account_sid: sid }, now);
    this.store.collection(this.collectionKey(m, sid, []))!.put(sid, rec);
  }

  /** Bulk insert for tests and benchmarks: fills every schema field not given. */
  seed(accountSid: string, objectId: string, records: Rec[], parents: string[] = []): Rec[] {
    const m = this.model.model(objectId);
    const scoped = this.scoped(m);
    if (!this.product) this.ensureMainAccount(accountSid);
    const anyOp = m.instanceOp ?? Object.values(m.object.actions)[0];
    const chain = m.listOp?.chain ?? anyOp?.chain.slice(0, -1) ?? [];
    if (parents.length !== chain.length) {
      throw new Error(`${objectId} needs ${chain.length} parent value(s): ${chain.map((c) => c.name).join(', ') || 'none'}`);
    }
    const collection = this.store.collection(this.collectionKey(m, accountSid, parents))!;
    const now = toRfc2822(Date.now());
    const out: Rec[] = [];
    for (const given of records) {
      const id = String(given[m.schema.identity] ?? this.newIdentity(m, accountSid, parents, {}));
      const fixed = this.fixedFields(m, accountSid, parents, id, chain.map((c) => c.field));
      if (!scoped) {
        // Seeding accounts makes subaccounts of accountSid.
        fixed.owner_account_sid = accountSid;
        this.store.registerSubaccount(id, accountSid);
      }
      const rec = buildRecord(m.schemaName, m.schema, { ...this.computedFields(m, accountSid, parents, id), ...given }, fixed, now);
      collection.put(this.storageKey(m, id), rec);
      out.push(rec);
    }
    return out;
  }

  /** An object's records in one account (newest first), for the sandbox's own callbacks. */
  list(accountSid: string, objectId: string, parents: string[] = []): readonly Rec[] {
    const m = this.model.model(objectId);
    return this.store.collection(this.collectionKey(m, accountSid, parents), false)?.newestFirst() ?? [];
  }

  /** Changes fields of one record (a status moving on); returns the record, or undefined. */
  patch(accountSid: string, objectId: string, id: string, changes: Rec, parents: string[] = []): Rec | undefined {
    const m = this.model.model(objectId);
    const collection = this.store.collection(this.collectionKey(m, accountSid, parents), false);
    const old = collection?.byId.get(id);
    if (!old || !collection) return undefined;
    const merged = { ...old, ...changes, date_updated: toRfc2822(Date.now()) };
    collection.replace(id, merged);
    return merged;
  }

  // ---- actions -------------------------------------------------------------

  private get(req: OpRequest): OpResult {
    const addr = this.address(req);
    const collection = this.store.collection(addr.collectionKey);
    let rec = collection?.byId.get(addr.id ?? '');
    if (!rec && addr.id === '') {
      // A singleton sub-resource (Balance) exists as soon as its account does.
      rec = buildRecord(addr.model.schemaName, addr.model.schema, {}, this.fixedFields(addr.model, req.accountSid, [], undefined, []), toRfc2822(Date.now()));
      collection!.put('', rec);
    }
    if (!rec) throw notFoundError(req.path);
    return { status: req.route.op.status, body: this.respond(req.route.op, rec) };
  }

  private query(req: OpRequest): OpResult {
    const { op } = req.route;
    const addr = this.address(req);
    const schema = this.responseSchema(op);
    const paging = readPaging(req.query);
    const tests = compileFilters(op, schema, req.query);
    const collection = this.store.collection(addr.collectionKey, false);
    let records = collection?.newestFirst() ?? [];
    const unfiltered = records;
    if (!this.scoped(addr.model)) records = records.filter((r) => this.store.mayActFor(req.accountSid, String(r.sid)));
    if (tests.length) records = records.filter((r) => tests.every((t) => t(r)));

    const identity = addr.model.schema.identity;
    let start = paging.page * paging.pageSize;
    if (paging.pageToken) {
      // PA<id>: the page after that record; PB<id>: the page before it.
      const after = paging.pageToken.startsWith('PA');
      const id = paging.pageToken.slice(2);
      // Records without an identity field (call events) are paged by position ("@<index>").
      const i = id.startsWith('@') ? Number(id.slice(1))
        : records === unfiltered && collection ? collection.positionOf(identity, id)
          : records.findIndex((r) => String(r[identity]) === id);
      if (i >= 0) start = after ? i + 1 : Math.max(0, i - paging.pageSize);
    }
    const page = records.slice(start, start + paging.pageSize);
    const now = toRfc2822(Date.now());
    const more = start + page.length < records.length;
    if (this.product && op.pageMeta) {
      return { status: op.status, body: metaPage(op, this.product.host, req, page, page.map((r) => this.respondText(op, r, now)), paging, start, more, identity) };
    }

    const filterQuery = Object.entries(req.query).filter(([k]) => k !== 'PageSize' && k !== 'Page' && k !== 'PageToken');
    const uri = (pageNo: number, token?: string): string => {
      const qs = filterQuery
        .flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => `${encodeURIComponent(k)}=${encodeURIComponent(x)}`))
        .concat([`PageSize=${paging.pageSize}`, `Page=${pageNo}`])
        .concat(token ? [`PageToken=${encodeURIComponent(token)}`] : []);
      return `${req.path}?${qs.join('&')}`;
    };
    const first = page[0];
    const last = page[page.length - 1];
    const tokenOf = (r: Record<string, unknown>, index: number): string =>
      (identity && r[identity] !== undefined && r[identity] !== null ? String(r[identity]) : `@${index}`);
    const body: Record<string, unknown> = {
      [op.recordKey ?? 'records']: page.map((r) => this.respondText(op, r, now)),
      uri: uri(paging.page, paging.pageToken),
      first_page_uri: uri(0),
      next_page_uri: more && last ? uri(paging.page + 1, 'PA' + tokenOf(last, start + page.length - 1)) : null,
      previous_page_uri: paging.page > 0 && first ? uri(paging.page - 1, 'PB' + tokenOf(first, start)) : null,
      page: paging.page,
      page_size: paging.pageSize,
      start,
      end: page.length ? start + page.length - 1 : start,
    };
    return { status: op.status, body };
  }

  private checkBody(op: Operation, form: Form): void {
    if (op.bodyType === 'json') checkJsonBody(op, form);
    else checkForm(op, form);
  }

  private create(req: OpRequest): OpResult {
    const { op } = req.route;
    this.checkBody(op, req.form);
    const addr = this.address(req);
    const m = addr.model;
    const schema = this.responseSchema(op);
    const given = formToFields(op, req.form);
    const id = addr.id || this.newIdentity(m, req.accountSid, addr.parents, given);
    const fixed = this.fixedFields(m, req.accountSid, addr.parents, id, op.chain.map((c) => c.field));
    if (!op.accountScoped) {
      // Creating an account makes a subaccount owned by the caller.
      fixed.owner_account_sid = req.accountSid;
      fixed.auth_token = this.authToken;
      this.store.registerSubaccount(id, req.accountSid);
    }
    const now = toRfc2822(Date.now());
    const rec = buildRecord(m.schemaName, m.schema, { ...this.computedFields(m, req.accountSid, addr.parents, id), ...given }, fixed, now);
    this.store.collection(addr.collectionKey)!.put(this.storageKey(m, id), rec);
    let shown: Rec = rec;
    if (schema.fields.some((f) => f.name === 'secret')) {
      // A new key's secret is shown once and only kept as a credential.
      const secret = newSecret();
      shown = { ...rec, secret };
      if (/^SK/.test(id)) this.store.addKey({ sid: id, secret, accountSid: req.accountSid, kind: 'standard' });
    }
    return { status: op.status, body: this.respond(op, shown) };
  }

  private update(req: OpRequest): OpResult {
    const { op } = req.route;
    const addr = this.address(req);
    const collection = this.store.collection(addr.collectionKey, !!this.product && addr.id === '');
    let old = collection?.byId.get(addr.id ?? '');
    // A product's singleton (a service's configuration) exists before its first update.
    if (!old && addr.id === '' && this.product) old = {};
    if (!old || !collection) throw notFoundError(req.path);
    this.checkBody(op, req.form);
    const changes = formToFields(op, req.form);
    const now = toRfc2822(Date.now());
    const merged = buildRecord(addr.model.schemaName, addr.model.schema, { ...old, ...changes }, {}, now);
    const updated = addr.model.schema.fields.find((f) => f.name === 'date_updated');
    if (updated) merged.date_updated = updated.format === 'date-time' ? isoOf(now) : now;
    if (collection.byId.has(addr.id ?? '')) collection.replace(addr.id ?? '', merged);
    else collection.put(addr.id ?? '', merged);
    return { status: op.status, body: this.respond(op, merged) };
  }

  private remove(req: OpRequest): OpResult {
    const addr = this.address(req);
    const id = addr.id ?? '';
    const collection = this.store.collection(addr.collectionKey, false);
    if (!collection || !collection.delete(id)) throw notFoundError(req.path);
    this.store.removeKey(id);
    return { status: req.route.op.status };
  }

  /** The add-on payload `Data`: a redirect to where the payload body is stored. */
  private redirect(req: OpRequest): OpResult {
    const { op, params } = req.route;
    const parentTemplate = op.path.replace(/\/[A-Za-z]+\.json$/, '.json');
    const parent = this.model.objectAtInstancePath(parentTemplate);
    const values = op.chain.map((c) => params[c.name]);
    if (parent) {
      const key = this.collectionKey(parent, req.accountSid, values.slice(0, -1));
      if (!this.store.collection(key, false)?.byId.has(values[values.length - 1])) throw notFoundError(req.path);
    }
    const location = `${req.baseUrl}/__sandbox/data/${encodeURIComponent(values[values.length - 1] ?? '')}`;
    return { status: op.status, body: { redirect_to: location }, headers: { Location: location } };
  }

  // ---- helpers -------------------------------------------------------------

  private seq = 0;

  /**
   * Records nobody can address one by one (usage records, available numbers) may
   * share an identity value (`category`): store each under its own key.
   */
  private storageKey(m: ObjectModel, id: string): string {
    return m.addressable ? id : `${id}#${++this.seq}`;
  }

  private address(req: OpRequest): Address {
    const { op, object, params } = req.route;
    const model = this.model.model(object.id);
    const values = op.chain.map((c) => params[c.name]);
    const action = actionOf(req.route);
    // A product Create at an instance path (a Lookup override: POST …/Overrides/{Field}) names its record.
    const createsAtInstance = action === 'create' && !!this.product && model.instanceOp?.path === op.path;
    const addressesOne = action === 'get' || action === 'update' || action === 'delete' || createsAtInstance;
    if (!addressesOne) return { model, parents: values, collectionKey: this.collectionKey(model, req.accountSid, values) };
    if (values.length === 0) return { model, parents: [], id: '', collectionKey: this.collectionKey(model, req.accountSid, []) };
    const parents = values.slice(0, -1);
    return { model, parents, id: values[values.length - 1], collectionKey: this.collectionKey(model, req.accountSid, parents) };
  }

  private collectionKey(m: ObjectModel, accountSid: string, parents: string[]): string {
    return `${this.scoped(m) ? accountSid : GLOBAL}|${m.storeKey}|${parents.join('|')}`;
  }

  private accountsModel(): ObjectModel {
    const m = [...this.model.objects.values()].find((o) => (o.listOp ?? o.instanceOp)?.accountScoped === false);
    if (!m) throw new Error('catalog has no account object');
    return m;
  }

  private responseSchema(op: Operation): RecordSchema {
    return this.model.schema(op.response) ?? { element: 'Record', identity: 'sid', fields: [] };
  }

  /** respond(), as text kept with the record: what a page of records is made of. */
  private respondText(op: Operation, rec: Rec, now: string): Rec | RecordText {
    const name = op.response;
    const schema = this.model.schema(name);
    return schema && name ? recordText(rec, name, schema, now) : rec;
  }

  private respond(op: Operation, rec: Rec, now = toRfc2822(Date.now())): Rec {
    const name = op.response;
    const schema = this.model.schema(name);
    return schema && name ? project(rec, name, schema, now) : rec;
  }

  /**
   * The identity of a new record: a path value when the identity is a parent's
   * field (Feedback's message_sid), the account, a value the request gave
   * (a validation request's phone_number), else a new Sid with the right prefix.
   */
  private newIdentity(m: ObjectModel, accountSid: string, parents: string[], given: Rec): string {
    const identity = m.schema.identity;
    const chain = m.listOp?.chain ?? [];
    const i = chain.findIndex((c) => c.field === identity);
    if (i >= 0 && parents[i] !== undefined) return parents[i];
    if (identity === 'account_sid') return accountSid;
    if (identity !== 'sid' && typeof given[identity] === 'string' && given[identity] !== '') return given[identity] as string;
    if (m.sidPrefix) return newSid(m.sidPrefix);
    return String(syntheticIdentity(m.schema.fields.find((f) => f.name === identity)));
  }

  /** account_sid, parent Sid fields and the identity: never taken from the request. */
  private fixedFields(m: ObjectModel, accountSid: string, parents: string[], id: string | undefined, parentFields: Array<string | undefined>): Rec {
    const fixed: Rec = {};
    const fields = new Set(m.schema.fields.map((f) => f.name));
    if (this.scoped(m) && fields.has('account_sid')) fixed.account_sid = accountSid;
    parentFields.forEach((f, i) => {
      if (f && fields.has(f) && parents[i] !== undefined) fixed[f] = parents[i];
    });
    if (id !== undefined && id !== '') {
      const field = m.schema.fields.find((f) => f.name === m.schema.identity);
      fixed[m.schema.identity] = field ? coerce(field, id) ?? id : id;
    }
    return fixed;
  }

  /** uri and subresource_uris, from the object's instance path. */
  private computedFields(m: ObjectModel, accountSid: string, parents: string[], id: string): Rec {
    const out: Rec = {};
    const fields = new Set(m.schema.fields.map((f) => f.name));
    const op = m.uriOp ?? m.listOp;
    if (!op) return out;
    const values: Record<string, string> = { AccountSid: accountSid };
    const all = m.uriOp ? [...parents, id] : parents;
    op.chain.forEach((c, i) => (values[c.name] = all[i] ?? ''));
    if (fields.has('uri')) out.uri = fillTemplate(op.path, values);
    if (fields.has('subresource_uris') && m.subresources.length) {
      const map: Record<string, string> = {};
      for (const s of m.subresources) map[s.key] = fillTemplate(s.template, values);
      out.subresource_uris = map;
    }
    return out;
  }
}

/** An identity that is no Sid: an enum's first value, a phone number, a country code. */
function syntheticIdentity(field: Field | undefined): string | number {
  if (field?.enum?.length) return field.enum[0];
  if (field?.format === 'iso-country-code' || /^iso_(country|code)$/.test(field?.name ?? '')) return 'US';
  if (field?.type === 'integer') return Math.floor(Math.random() * 1e6);
  // a product identity shaped by its pattern's literal start (Assistants' aia_know_…)
  const lead = field?.pattern && /^\^([A-Za-z0-9_]+)/.exec(field.pattern);
  if (lead) return `${lead[1]}${newSid('XX').slice(2)}`;
  const digits = String(Math.floor(Math.random() * 1e7)).padStart(7, '0');
  if (field?.format === 'phone-number' || field?.name === 'phone_number') return `+1555${digits}`;
  if (field?.name === 'country_code') return 'US';
  return newSid('XX');
}

function actionOf(route: Route): string {
  for (const [action, op] of Object.entries(route.object.actions)) if (op === route.op) return action;
  return 'get';
}

/** Form parameters as snake_case fields (To → to, StatusCallback → status_callback). */
function formToFields(op: Operation, form: Form): Rec {
  const out: Rec = {};
  const known = new Set((op.params ?? []).map((p) => p.name));
  for (const [name, value] of Object.entries(form)) {
    if (!known.has(name)) continue;
    out[snakeCase(name)] = value;
  }
  return out;
}

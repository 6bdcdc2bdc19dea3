// Query: follows next_page_uri (v2010) or meta.next_page_url (the product APIs, records under
// meta.key) one page at a time and emits records, pages or one array
// (docs/architecture.md, "Query"). Memory holds one page in `record` and `page` modes, plus the
// next page, requested while this one is emitted; records go out in chunks with a turn of the
// event loop between them, so a large page never stalls the flow (docs/benchmarks.md).
import type { CatalogObject, Operation } from '../catalog/types';
import { isAllowedTarget } from '../twilio/host-rule';
import { ErrorCodes, TwilioNodeError } from '../common/errors';
import { t } from '../common/i18n';
import type { RecordShaper, Record_ } from '../response/record-shaper';
import { chainValue, formatChain, recordChain } from '../request/sid-chain';
import type { NodeMessage, RedApi, TwilioJson } from '../common/untyped';
import { userText } from '../common/hints';
import { readPageBytes, type PageRecords } from './page-reader';
import { parseBody } from '../twilio/transport';
import { ReusableBuffers } from '../twilio/read-body';

export type OutputMode = 'record' | 'page' | 'array';

/** Records emitted per turn of the event loop: small enough that a turn stays well under 20 ms. */
const CHUNK = 100;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** What paging needs from the node (its ActionContext has all of it). */
export interface QueryNode {
  obj: CatalogObject;
  op: Operation;
  identity: string;
  shaper: RecordShaper;
  limit: number;
  pageSize: number;
}

/** What this message asks for. */
export interface QueryPlan {
  mode: OutputMode;
  listPath: string;
  /** a page URI from an earlier run's msg.twilio.nextPageUri: start there instead */
  resumeFrom?: string;
  query: Record<string, string>;
  parents: string[];
  accountPrefix?: string;
  accountSid: string;
}

export interface QueryIO {
  /** fetches one page (GET) through the account's limiter and retries, its bytes read into `buffers` */
  fetch: (path: string, query: Record<string, string> | undefined, buffers: ReusableBuffers) => Promise<{ status: number; body: unknown }>;
  /** builds an output message from the input one with a new payload */
  derive: (payload: unknown) => NodeMessage;
  send: (msg: NodeMessage) => void;
  /** a {stop: true} message arrived */
  stopped: () => boolean;
}

/** Pages in a row with no records but a next page before paging counts as looping. */
const MAX_EMPTY_PAGES = 3;

function isRecord(v: unknown): boolean {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * A page URI Twilio returned, for the transport: absolute ones must pass the host rule; a
 * product's https://<product>.twilio.com URL stays absolute (its host names the product),
 * a loopback one becomes its path.
 */
export function pagePath(uri: string): string {
  if (!/^https?:/i.test(uri)) return uri;
  const url = new URL(uri);
  if (!isAllowedTarget(url)) throw new TwilioNodeError(t('errors.hostRefused', { url: url.origin }), ErrorCodes.hostRefused);
  if (url.hostname.toLowerCase().endsWith('.twilio.com')) return url.href;
  return url.pathname + url.search;
}

/**
 * Which member holds the records: the catalog's key first (a mock's meta.key may be a
 * placeholder), else what a product page's meta names.
 */
function recordKeyOf(attrs: TwilioJson, hasArray: (key: string) => boolean, recordKey: string): string {
  const meta = metaOf(attrs);
  return !meta || hasArray(recordKey) || typeof meta.key !== 'string' ? recordKey : meta.key;
}

function metaOf(attrs: TwilioJson): TwilioJson | undefined {
  return attrs && typeof attrs === 'object' && attrs.meta && typeof attrs.meta === 'object' ? attrs.meta : undefined;
}

/** Where the next page is: v2010's next_page_uri, or a product's meta.next_page_url. */
function nextPageOf(attrs: TwilioJson): string | null {
  const meta = metaOf(attrs);
  const next = meta ? meta.next_page_url : attrs.next_page_uri;
  return typeof next === 'string' && next ? next : null;
}

/** The page's members and records; BAD_RESPONSE when it is not a page (no array of records). */
function readPage(body: unknown, recordKey: string): PageRecords {
  if (Buffer.isBuffer(body)) {
    const read = readPageBytes(body, (attrs, arrays) => recordKeyOf(attrs, (k) => arrays.has(k), recordKey));
    if (read) return read;
    // Not an object with an array of records: parsed whole, what it is decides the error.
    body = parseBody(body.toString('utf8'));
  }
  const attrs = (body && typeof body === 'object' && !Array.isArray(body) ? body : {}) as TwilioJson;
  const key = recordKeyOf(attrs, (k) => Array.isArray(attrs[k]), recordKey);
  const records: unknown[] | undefined = attrs[key];
  if (!Array.isArray(records)) throw new TwilioNodeError(t('errors.badPage', { key }), ErrorCodes.badResponse);
  return { attrs, key, count: records.length, allObjects: records.every(isRecord), record: (i) => records[i] };
}

/** One page as fetched, cut to the limit, with where a flow may resume. */
interface Page {
  status: number;
  /** the page's own members (page, uri, meta …), without its records */
  attrs: TwilioJson;
  /** records to emit from this page (the limit may cut it short) */
  count: number;
  /** the i-th record, parsed now; BAD_RESPONSE when its text is not JSON */
  record(i: number): Record_;
  number: number;
  isLast: boolean;
  next: string | null;
  /** msg.twilio.nextPageUri of this page's messages */
  nextPageUri: string | null;
  /** every record has been read: the page's bytes go back to be reused */
  release(): void;
}

/** The state of one running query. */
class QueryRun {
  readonly partsId: string;
  readonly twilioBase: Record<string, unknown>;
  readonly recordKey: string;
  readonly collected: Record_[] = [];
  /** the pages' bytes: two buffers, reused page after page (twilio/read-body.ts) */
  readonly buffers = new ReusableBuffers();
  remaining: number;
  index = 0;
  pages = 0;
  /** page URIs already requested, and empty pages in a row that still named a next page: the loop guard */
  readonly visited = new Set<string>();
  emptyInARow = 0;

  constructor(readonly node: QueryNode, readonly plan: QueryPlan, readonly io: QueryIO, newId: () => string) {
    this.partsId = newId();
    this.twilioBase = { object: node.obj.id, action: 'query', accountSid: plan.accountSid };
    this.recordKey = node.op.recordKey || 'records';
    this.remaining = node.limit > 0 ? node.limit : Infinity;
  }

  /** The record's chain as text (msg.twilio.chain) and as msg.sid (parts holding ':' as an array). */
  chainOf(rec: Record_): { text: string; value: string | string[] } {
    const { obj, identity } = this.node;
    const parts = recordChain(obj, identity, this.plan.parents, rec);
    return { text: formatChain(this.plan.accountPrefix, parts), value: chainValue(this.plan.accountPrefix, parts) };
  }

  /**
   * Starts fetching a page; `accept` takes the answer. Nothing else happens until then, so the
   * next page can be on its way while this one is emitted.
   */
  request(path: () => string, query?: Record<string, string>): Promise<{ status: number; body: unknown }> {
    const pending = Promise.resolve().then(() => {
      const p = path();
      this.visited.add(p);
      return this.io.fetch(p, query, this.buffers);
    });
    pending.catch(() => { /* awaited, and reported, by accept() */ });
    return pending;
  }

  /** Ends the run with `err`; records already sent are withdrawn (a join node drops them). */
  fail(err: unknown): never {
    if (this.plan.mode === 'record' && this.index > 0) this.io.send({ parts: { id: this.partsId }, reset: true });
    throw err;
  }

  /**
   * The loop guard: a page URI fetched before, or more than MAX_EMPTY_PAGES pages in a row with
   * no records that still name a next page, ends the query with BAD_RESPONSE.
   */
  checkNext(uri: string, recordCount: number): void {
    let next: string;
    try {
      next = pagePath(uri);
    } catch (err) {
      this.fail(err);
    }
    if (this.visited.has(next)) this.fail(new TwilioNodeError(t('errors.pageLoop', { uri: userText(next) }), ErrorCodes.badResponse));
    this.emptyInARow = recordCount === 0 ? this.emptyInARow + 1 : 0;
    if (this.emptyInARow > MAX_EMPTY_PAGES) {
      this.fail(new TwilioNodeError(t('errors.emptyPages', { count: this.emptyInARow }), ErrorCodes.badResponse));
    }
  }

  /** A fetched page, checked; a failure after records went out tells a join node to drop them. */
  async accept(pending: Promise<{ status: number; body: unknown }>): Promise<Page> {
    let res: { status: number; body: unknown };
    let read: PageRecords;
    try {
      res = await pending;
      read = readPage(res.body, this.recordKey);
      if (!read.allObjects) throw new TwilioNodeError(t('errors.badPageRecords', { key: read.key }), ErrorCodes.badResponse);
    } catch (err) {
      this.fail(err);
    }
    const { attrs, key } = read;
    const truncated = read.count > this.remaining;
    const count = truncated ? this.remaining : read.count;
    this.remaining -= count;
    const next = nextPageOf(attrs);
    const isLast = !next || this.remaining <= 0 || this.io.stopped();
    if (!isLast) this.checkNext(next as string, count);
    // Where a flow may resume: the next page, when this is the last page we emit but not Twilio's
    // last (not when the limit cut this page short: the next page would skip the rest of it).
    const resumeAt = next && !truncated ? next : null;
    const record = (i: number): Record_ => {
      try {
        return read.record(i) as Record_;
      } catch {
        throw new TwilioNodeError(t('errors.badPageRecords', { key }), ErrorCodes.badResponse);
      }
    };
    const bytes = res.body;
    const release = () => { if (Buffer.isBuffer(bytes)) this.buffers.give(bytes); };
    return { status: res.status, attrs, count, record, number: this.pages++, isLast, next, nextPageUri: isLast ? resumeAt : next, release };
  }

  /** Every record of the page (page and array modes need them all at once). */
  allRecords(page: Page): Record_[] {
    const out: Record_[] = new Array(page.count);
    for (let i = 0; i < page.count; i++) out[i] = page.record(i);
    return out;
  }

  async emitRecords(page: Page): Promise<void> {
    for (let i = 0; i < page.count; i++) {
      if (i > 0 && i % CHUNK === 0) await nextTurn();
      let rec: Record_;
      try {
        rec = page.record(i);
      } catch (err) {
        this.fail(err);
      }
      this.io.send(this.recordMessage(page, rec, page.isLast && i === page.count - 1));
      this.index++;
    }
    if (page.isLast && this.index === 0) this.emitEmpty(page);
  }

  /** One record's message: literal objects of one shape (no spreads), built once per record. */
  recordMessage(page: Page, rec: Record_, last: boolean): NodeMessage {
    const out = this.io.derive(this.node.shaper.payload(rec));
    const chain = this.chainOf(rec);
    const parts: Record<string, unknown> = { id: this.partsId, type: 'array', index: this.index };
    const base = this.twilioBase;
    out.twilio = {
      object: base.object, action: base.action, accountSid: base.accountSid,
      sid: rec[this.node.identity], chain: chain.text, statusCode: page.status, page: page.number,
    };
    if (last) {
      parts.count = this.index + 1;
      out.twilio.nextPageUri = page.nextPageUri;
    }
    out.parts = out.parts ? { ...parts, parts: out.parts } : parts;
    out.sid = chain.value;
    return out;
  }

  /**
   * One empty chunk of the array (`len`, as the split node marks chunks): a join node in
   * automatic mode flattens chunks, so it completes with [] rather than [[]].
   */
  emitEmpty(page: Page): void {
    const out = this.io.derive([]);
    out.parts = { id: this.partsId, type: 'array', index: 0, count: 0, len: Math.max(2, this.node.pageSize), ...(out.parts ? { parts: out.parts } : {}) };
    out.complete = true;
    out.twilio = { ...this.twilioBase, statusCode: page.status, page: page.number, nextPageUri: page.nextPageUri, count: 0 };
    this.io.send(out);
  }

  emitPage(page: Page): void {
    const records = this.allRecords(page);
    const out = this.io.derive(this.node.shaper.list(records, this.recordKey, pageAttrs(page.attrs, page.nextPageUri)));
    out.twilio = { ...this.twilioBase, statusCode: page.status, page: page.number, count: records.length, nextPageUri: page.nextPageUri };
    this.io.send(out);
  }

  emitArray(resumeFrom: string | null): void {
    const out = this.io.derive(this.node.shaper.list(this.collected, this.recordKey, { page: 0, pageSize: this.collected.length }));
    out.twilio = { ...this.twilioBase, statusCode: 200, count: this.collected.length, pages: this.pages, nextPageUri: resumeFrom };
    this.io.send(out);
  }
}

export async function runQuery(node: QueryNode & { RED: RedApi }, plan: QueryPlan, io: QueryIO): Promise<void> {
  const run = new QueryRun(node, plan, io, () => node.RED.util.generateId());
  const first = plan.resumeFrom ? pagePath(plan.resumeFrom) : plan.listPath;
  // A page URI carries its own filters and page size.
  const query: Record<string, string> | undefined = plan.resumeFrom
    ? undefined
    : { ...plan.query, PageSize: String(Math.min(node.pageSize, run.remaining)) };
  let pending = run.request(() => first, query);
  for (;;) {
    const page = await run.accept(pending);
    // The next page is requested before this one is emitted: the request overlaps the emitting.
    // (A refused next URI fails that request, so this page's records still go out first.)
    if (!page.isLast) pending = run.request(() => pagePath(page.next as string));
    if (plan.mode === 'record') await run.emitRecords(page);
    else if (plan.mode === 'page') run.emitPage(page);
    else for (const rec of run.allRecords(page)) run.collected.push(rec);
    page.release();
    if (page.isLast) {
      if (plan.mode === 'array') run.emitArray(page.nextPageUri);
      return;
    }
  }
}

/**
 * The message emitEmpty sends: a query found nothing. An action node passes it on untouched, so
 * `query → update → join` still completes with [] (docs/architecture.md, "Query").
 */
export function isEmptyQueryResult(msg: NodeMessage): boolean {
  return !!msg && Array.isArray(msg.payload) && msg.payload.length === 0 && msg.complete === true
    && !!msg.parts && msg.parts.count === 0 && (msg.sid === undefined || msg.sid === null);
}

function pageAttrs(body: TwilioJson, nextPageUri: string | null): Record<string, unknown> {
  const meta = body.meta && typeof body.meta === 'object' ? body.meta : undefined;
  if (meta) {
    return {
      page: meta.page, pageSize: meta.page_size, uri: meta.url, firstPageUri: meta.first_page_url,
      previousPageUri: meta.previous_page_url, nextPageUri,
    };
  }
  return {
    page: body.page, pageSize: body.page_size, start: body.start, end: body.end, uri: body.uri,
    firstPageUri: body.first_page_uri, previousPageUri: body.previous_page_uri, nextPageUri,
  };
}

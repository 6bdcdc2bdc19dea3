// Query: follows next_page_uri (v2010) or meta.next_page_url (the product APIs, records under
// meta.key) one page at a time and emits records, pages or one array
// (docs/architecture.md, "Query"). Memory holds one page in `record` and `page` modes.
import type { CatalogObject, Operation } from '../catalog/types';
import { isAllowedTarget } from '../twilio/host-rule';
import { ErrorCodes, TwilioNodeError } from '../common/errors';
import { t } from '../common/i18n';
import type { RecordShaper, Record_ } from '../response/record-shaper';
import { chainValue, formatChain, recordChain } from '../request/sid-chain';

/* eslint-disable @typescript-eslint/no-explicit-any */
export type OutputMode = 'record' | 'page' | 'array';

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
  /** fetches one page (GET) through the account's limiter and retries */
  fetch: (path: string, query?: Record<string, string>) => Promise<{ status: number; body: any }>;
  /** builds an output message from the input one with a new payload */
  derive: (payload: unknown) => any;
  send: (msg: any) => void;
  /** a {stop: true} message arrived */
  stopped: () => boolean;
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

/** Where a page keeps its records and its next page: v2010's fields, or the products' `meta`. */
function pageShape(body: any, recordKey: string): { key: string; next: string | null } {
  const meta = body && typeof body === 'object' && body.meta && typeof body.meta === 'object' ? body.meta : undefined;
  // The catalog's key first (a mock's meta.key may be a placeholder), then what meta names.
  if (meta) {
    const key = Array.isArray(body[recordKey]) || typeof meta.key !== 'string' ? recordKey : meta.key;
    return { key, next: meta.next_page_url || null };
  }
  return { key: recordKey, next: (body && body.next_page_uri) || null };
}

/** One page as fetched, cut to the limit, with where a flow may resume. */
interface Page {
  status: number;
  body: any;
  records: Record_[];
  number: number;
  isLast: boolean;
  next: string | null;
  /** msg.twilio.nextPageUri of this page's messages */
  nextPageUri: string | null;
}

/** The state of one running query. */
class QueryRun {
  readonly partsId: string;
  readonly twilioBase: Record<string, unknown>;
  readonly recordKey: string;
  readonly collected: Record_[] = [];
  remaining: number;
  index = 0;
  pages = 0;

  constructor(readonly node: QueryNode, readonly plan: QueryPlan, readonly io: QueryIO, newId: () => string) {
    this.partsId = newId();
    this.twilioBase = { object: node.obj.id, action: 'query', accountSid: plan.accountSid };
    this.recordKey = node.op.recordKey || 'records';
    this.remaining = node.limit > 0 ? node.limit : Infinity;
  }

  chainOf(rec: Record_): string {
    const { obj, identity } = this.node;
    return formatChain(this.plan.accountPrefix, recordChain(obj, identity, this.plan.parents, rec));
  }

  /** Fetches a page; a failure after records went out tells a join node to drop them. */
  async fetch(path: string, query?: Record<string, string>): Promise<Page> {
    let res: { status: number; body: any };
    let shape: { key: string; next: string | null };
    try {
      res = await this.io.fetch(path, query);
      shape = pageShape(res.body, this.recordKey);
      if (!res.body || typeof res.body !== 'object' || !Array.isArray(res.body[shape.key])) {
        throw new TwilioNodeError(t('errors.badPage', { key: shape.key }), ErrorCodes.badResponse);
      }
    } catch (err) {
      if (this.plan.mode === 'record' && this.index > 0) this.io.send({ parts: { id: this.partsId }, reset: true });
      throw err;
    }
    let records: Record_[] = res.body[shape.key];
    const truncated = records.length > this.remaining;
    if (truncated) records = records.slice(0, this.remaining);
    this.remaining -= records.length;
    const next = shape.next;
    const isLast = !next || this.remaining <= 0 || this.io.stopped();
    // Where a flow may resume: the next page, when this is the last page we emit but not Twilio's
    // last (not when the limit cut this page short: the next page would skip the rest of it).
    const resumeAt = next && !truncated ? next : null;
    return { status: res.status, body: res.body, records, number: this.pages++, isLast, next, nextPageUri: isLast ? resumeAt : next };
  }

  emitRecords(page: Page): void {
    page.records.forEach((rec, i) => {
      const out = this.io.derive(this.node.shaper.payload(rec));
      const chain = this.chainOf(rec);
      const parts: Record<string, unknown> = { id: this.partsId, type: 'array', index: this.index };
      out.twilio = { ...this.twilioBase, sid: rec[this.node.identity], chain, statusCode: page.status, page: page.number };
      if (page.isLast && i === page.records.length - 1) {
        parts.count = this.index + 1;
        out.twilio.nextPageUri = page.nextPageUri;
      }
      out.parts = out.parts ? { ...parts, parts: out.parts } : parts;
      out.sid = chainValue(this.plan.accountPrefix, recordChain(this.node.obj, this.node.identity, this.plan.parents, rec));
      this.io.send(out);
      this.index++;
    });
    if (page.isLast && this.index === 0) this.emitEmpty(page);
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
    const out = this.io.derive(this.node.shaper.list(page.records, this.recordKey, pageAttrs(page.body, page.nextPageUri)));
    out.twilio = { ...this.twilioBase, statusCode: page.status, page: page.number, count: page.records.length, nextPageUri: page.nextPageUri };
    this.io.send(out);
  }

  emitArray(resumeFrom: string | null): void {
    const out = this.io.derive(this.node.shaper.list(this.collected, this.recordKey, { page: 0, pageSize: this.collected.length }));
    out.twilio = { ...this.twilioBase, statusCode: 200, count: this.collected.length, pages: this.pages, nextPageUri: resumeFrom };
    this.io.send(out);
  }
}

export async function runQuery(node: QueryNode & { RED: any }, plan: QueryPlan, io: QueryIO): Promise<void> {
  const run = new QueryRun(node, plan, io, () => node.RED.util.generateId());
  let path = plan.resumeFrom ? pagePath(plan.resumeFrom) : plan.listPath;
  // A page URI carries its own filters and page size.
  let query: Record<string, string> | undefined = plan.resumeFrom
    ? undefined
    : { ...plan.query, PageSize: String(Math.min(node.pageSize, run.remaining)) };
  for (;;) {
    const page = await run.fetch(path, query);
    if (plan.mode === 'record') run.emitRecords(page);
    else if (plan.mode === 'page') run.emitPage(page);
    else for (const rec of page.records) run.collected.push(rec);
    if (page.isLast) {
      if (plan.mode === 'array') run.emitArray(page.nextPageUri);
      return;
    }
    path = pagePath(page.next as string);
    query = undefined;
  }
}

function pageAttrs(body: any, nextPageUri: string | null): Record<string, unknown> {
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

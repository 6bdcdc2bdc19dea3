// Query: follows next_page_uri one page at a time and emits records, pages or one array
// (DESIGN §4). Memory holds one page in `record` and `page` modes.
import type { CatalogObject, Operation } from '../catalog/types';
import { isAllowedTarget } from '../twilio/transport';
import { ErrorCodes, TwilioNodeError } from '../common/errors';
import { t } from '../common/i18n';
import type { RecordShaper, Record_ } from '../response/record-shaper';
import { formatChain, recordChain } from '../request/sid-chain';

/* eslint-disable @typescript-eslint/no-explicit-any */
export type OutputMode = 'record' | 'page' | 'array';

export interface QueryJob {
  stop: boolean;
}

export interface QueryContext {
  obj: CatalogObject;
  op: Operation;
  identity: string;
  shaper: RecordShaper;
  mode: OutputMode;
  limit: number;
  pageSize: number;
  firstPath: string;
  /** a page URI from an earlier run's msg.twilio.nextPageUri: start there instead */
  resumeFrom?: string;
  query: Record<string, string>;
  parents: string[];
  accountPrefix?: string;
  accountSid: string;
  job: QueryJob;
  /** fetches one page (GET) through the account's limiter and retries */
  fetch: (path: string, query?: Record<string, string>) => Promise<{ status: number; body: any }>;
  /** builds an output message from the input one with a new payload */
  derive: (payload: unknown) => any;
  send: (msg: any) => void;
  newPartsId: () => string;
}

/** A page URI Twilio returned, as a path for the transport (absolute ones must pass the host rule). */
export function pagePath(uri: string): string {
  if (!/^https?:/i.test(uri)) return uri;
  const url = new URL(uri);
  if (!isAllowedTarget(url)) throw new TwilioNodeError(t('errors.hostRefused', { url: url.origin }), ErrorCodes.hostRefused);
  return url.pathname + url.search;
}

export async function runQuery(ctx: QueryContext, sendError: (err: unknown) => never): Promise<void> {
  const { op, mode, shaper, limit } = ctx;
  const recordKey = op.recordKey || 'records';
  const partsId = ctx.newPartsId();
  const twilioBase = { object: ctx.obj.id, action: 'query', accountSid: ctx.accountSid };
  const collected: Record_[] = [];
  let remaining = limit > 0 ? limit : Infinity;
  let index = 0;
  let page = 0;
  let path: string | undefined = ctx.resumeFrom ? pagePath(ctx.resumeFrom) : ctx.firstPath;
  // A page URI carries its own filters and page size.
  let query: Record<string, string> | undefined = ctx.resumeFrom
    ? undefined
    : { ...ctx.query, PageSize: String(Math.min(ctx.pageSize, remaining)) };
  let resumeFrom: string | null = null;

  const chainOf = (rec: Record_) => formatChain(ctx.accountPrefix, recordChain(ctx.obj, ctx.identity, ctx.parents, rec));

  while (path !== undefined) {
    let res: { status: number; body: any };
    try {
      res = await ctx.fetch(path, query);
      if (!res.body || typeof res.body !== 'object' || !Array.isArray(res.body[recordKey])) {
        throw new TwilioNodeError(t('errors.badPage', { key: recordKey }), ErrorCodes.badResponse);
      }
    } catch (err) {
      // The records already sent cannot be called back: tell a join node to drop them.
      if (mode === 'record' && index > 0) ctx.send({ parts: { id: partsId }, reset: true });
      return sendError(err);
    }
    let records: Record_[] = res.body[recordKey];
    const truncated = records.length > remaining;
    if (truncated) records = records.slice(0, remaining);
    remaining -= records.length;
    const next: string | null = res.body.next_page_uri || null;
    const isLast = !next || remaining <= 0 || ctx.job.stop;
    // Where a flow may resume: the next page, when this is the last page we emit but not Twilio's last.
    // (Not when the limit cut this page short: the next page would skip the rest of it.)
    const resumeAt = next && !truncated ? next : null;
    const nextPageUri = isLast ? resumeAt : next;

    if (mode === 'record') {
      records.forEach((rec, i) => {
        const out = ctx.derive(shaper.payload(rec));
        const chain = chainOf(rec);
        const parts: Record<string, unknown> = { id: partsId, type: 'array', index };
        if (isLast && i === records.length - 1) {
          parts.count = index + 1;
          out.twilio = { ...twilioBase, sid: rec[ctx.identity], chain, statusCode: res.status, page, nextPageUri };
        } else {
          out.twilio = { ...twilioBase, sid: rec[ctx.identity], chain, statusCode: res.status, page };
        }
        out.parts = out.parts ? { ...parts, parts: out.parts } : parts;
        out.sid = chain;
        ctx.send(out);
        index++;
      });
      if (isLast && index === 0) {
        const out = ctx.derive([]);
        // One empty chunk of the array (`len`, as the split node marks chunks): a join node in
        // automatic mode flattens chunks, so it completes with [] rather than [[]].
        out.parts = { id: partsId, type: 'array', index: 0, count: 0, len: Math.max(2, ctx.pageSize), ...(out.parts ? { parts: out.parts } : {}) };
        out.complete = true;
        out.twilio = { ...twilioBase, statusCode: res.status, page, nextPageUri, count: 0 };
        ctx.send(out);
      }
    } else if (mode === 'page') {
      const out = ctx.derive(shaper.list(records, recordKey, pageAttrs(res.body, nextPageUri)));
      out.twilio = { ...twilioBase, statusCode: res.status, page, count: records.length, nextPageUri };
      ctx.send(out);
    } else {
      for (const rec of records) collected.push(rec);
    }
    page++;
    if (isLast) {
      resumeFrom = nextPageUri;
      break;
    }
    path = pagePath(next as string);
    query = undefined;
  }
  if (mode === 'array') {
    const out = ctx.derive(shaper.list(collected, recordKey, { page: 0, pageSize: collected.length }));
    out.twilio = { ...twilioBase, statusCode: 200, count: collected.length, pages: page, nextPageUri: resumeFrom };
    ctx.send(out);
  }
}

function pageAttrs(body: any, nextPageUri: string | null): Record<string, unknown> {
  return {
    page: body.page, pageSize: body.page_size, start: body.start, end: body.end, uri: body.uri,
    firstPageUri: body.first_page_uri, previousPageUri: body.previous_page_uri, nextPageUri,
  };
}

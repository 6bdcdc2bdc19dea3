// One message's life through an action node: prepare (Sid chain, request document, parameters,
// filters) → request through the account (limiter, retries) → shape the answer → send.
import { ErrorCodes, TwilioNodeError } from '../common/errors';
import { t } from '../common/i18n';
import { buildQueryParams, type FilterRow } from '../request/filters';
import { buildFormParams, parseRequestDocument } from '../request/request-document';
import { buildJsonBody } from '../request/json-body';
import { buildPath, chainValue, formatChain, parseSidChain, recordChain, type ParsedChain } from '../request/sid-chain';
import type { ParamValues } from '../twilio/transport';
import type { ActionContext, Job } from './action-context';
import { answeredError, gaveUpNote } from './outcome';
import { pagePath, runQuery, type OutputMode } from './query-paging';
import { evaluateProperty, evaluateRows } from './typed-input';

/* eslint-disable @typescript-eslint/no-explicit-any */
interface PreparedRequest {
  chain: ParsedChain;
  accountSid: string;
  path: string;
  form?: ParamValues;
  /** the JSON body of an operation that declares one */
  json?: Record<string, unknown>;
  query: Record<string, string>;
}

const OUTPUT_MODES: readonly OutputMode[] = ['record', 'page', 'array'];

/** The request document as the node reads it (not parsed) and the static parameter rows. */
async function documentAndRows(ctx: ActionContext, msg: any): Promise<{ doc: unknown; statics: Record<string, unknown> }> {
  const { RED, node, config } = ctx;
  const doc = !config.requestType || config.requestType === 'none'
    ? undefined
    : await evaluateProperty(RED, node, config.request, config.requestType, msg);
  const statics: Record<string, unknown> = {};
  // A blank text row means "not set" (a row the editor pre-adds for the document to fill);
  // an empty value on purpose (redacting a Body) is the JSON "" or comes from the document.
  const rows = (config.params || []).filter((r) => !((r.valueType || 'str') === 'str' && r.value === ''));
  for (const row of await evaluateRows(RED, node, rows, msg)) statics[row.name] = row.value;
  return { doc, statics };
}

/** A Create/Update's form, or its JSON body where the operation declares one; a Get/Delete's query parameters. */
async function bodyOrQuery(ctx: ActionContext, msg: any): Promise<{ form?: ParamValues; json?: Record<string, unknown>; query?: ParamValues }> {
  const { action, op } = ctx;
  const writes = action === 'create' || action === 'update';
  if (!writes && !op.query) return {};
  const { doc, statics } = await documentAndRows(ctx, msg);
  if (writes && op.bodyType === 'json') return { json: buildJsonBody(op, doc, statics) };
  const parsed = parseRequestDocument(doc, { element: ctx.requestElement });
  if (writes) return { form: buildFormParams(op, parsed, statics) };
  return { query: buildFormParams({ ...op, params: op.query, conditional: undefined }, parsed, statics) };
}

async function prepareRequest(ctx: ActionContext, msg: any): Promise<PreparedRequest> {
  const { RED, node, config, action, obj, op } = ctx;
  const sidValue = config.sidType === 'str' || !config.sidType
    ? (config.sid ?? '')
    : await evaluateProperty(RED, node, config.sid, config.sidType, msg);
  const chain = parseSidChain(obj, op, sidValue);
  const accountSid = chain.accountSid || ctx.service.accountSid;
  const path = buildPath(op, accountSid, chain.parts);
  const { form, json, query: opQuery } = await bodyOrQuery(ctx, msg);
  const query = action === 'query'
    ? buildQueryParams(op, await evaluateRows(RED, node, config.filters, msg) as FilterRow[], { warn: ctx.warnOnce })
    : (opQuery || {}) as Record<string, string>;
  return { chain, accountSid, path, form, json, query };
}

/** One request of this job through the account's limiter and retries. */
function sendRequest(ctx: ActionContext, job: Job, path: string, query?: Record<string, string>, form?: ParamValues,
  json?: Record<string, unknown>) {
  const reservation = job.reservation;
  job.reservation = undefined;
  return ctx.service.execute({ method: ctx.op.method, host: ctx.host, path, query, form, json }, {
    idempotent: ctx.idempotent,
    reservation,
    signal: job.controller.signal,
    onStart: () => { job.sent = true; ctx.activity.requestStarted(); },
    onEnd: () => ctx.activity.requestEnded(),
    onWait: ({ status, seconds }) => { job.sent = false; ctx.activity.backingOff(status, seconds); },
  });
}

/** The input message without its payload, cloned, with a new payload. */
function deriveMessage(ctx: ActionContext, msg: any, payload: unknown): any {
  const { payload: _drop, ...rest } = msg;
  void _drop;
  const out = ctx.RED.util.cloneMessage(rest);
  out.payload = payload;
  return out;
}

/**
 * msg.nextPageUri (a msg.twilio.nextPageUri fed back) resumes a query; it must be a page of
 * the very list this message addresses, so a stray URI cannot read another list.
 */
function resumePoint(msg: any, listPath: string): string | undefined {
  if (msg.nextPageUri === undefined || msg.nextPageUri === null || msg.nextPageUri === '') return undefined;
  const uri = String(msg.nextPageUri);
  if (new URL(pagePath(uri), 'https://x').pathname !== listPath) {
    throw new TwilioNodeError(t('errors.badResumeUri', { uri, path: listPath }), ErrorCodes.invalidRequest);
  }
  return uri;
}

async function runQueryJob(ctx: ActionContext, job: Job, req: PreparedRequest, send: (m: any) => void): Promise<void> {
  const mode = OUTPUT_MODES.includes(ctx.config.outputMode as OutputMode) ? ctx.config.outputMode as OutputMode : 'record';
  await runQuery(ctx, {
    mode, listPath: req.path, resumeFrom: resumePoint(job.msg, req.path), query: req.query,
    parents: req.chain.parts, accountPrefix: req.chain.accountSid, accountSid: req.accountSid,
  }, {
    fetch: async (pagePathAndQuery, q) => {
      const { response, gaveUp } = await sendRequest(ctx, job, pagePathAndQuery, q);
      if (response.status >= 400) throw answeredError(response.status, response.body, true, gaveUpNote(ctx.service, gaveUp));
      return response;
    },
    derive: (payload) => deriveMessage(ctx, job.msg, payload),
    send: (m) => send([m, null]),
    stopped: () => job.stop,
  });
  ctx.track('output', { sid: job.requested?.chain, status: 200 });
}

/** Get, Create, Update, Delete: one request, one output message. */
async function runSingleJob(ctx: ActionContext, job: Job, req: PreparedRequest, send: (m: any) => void): Promise<void> {
  const { action, obj, identity } = ctx;
  const msg = job.msg;
  const query = Object.keys(req.query).length ? req.query : undefined;
  const { response, retries, gaveUp } = await sendRequest(ctx, job, req.path, query, req.form, req.json);
  let status = response.status;
  let body: any = response.body;
  if (status >= 400) {
    const alreadyGone = action === 'delete' && retries > 0 && status === 404 && body && body.code === 20404;
    if (!alreadyGone) throw answeredError(status, body, ctx.idempotent, gaveUpNote(ctx.service, gaveUp));
    status = 204;
    body = null;
  }
  let parts = req.chain.parts;
  if (status === 204) {
    // A Delete answers with no body: the message keeps its payload.
  } else if (status >= 300) {
    msg.payload = body && typeof body === 'object' ? body : { redirect_to: response.headers.location };
  } else {
    if (action === 'create') parts = recordChain(obj, identity, parts, body);
    msg.payload = ctx.shaper.payload(body);
  }
  const sidChain = formatChain(req.chain.accountSid, parts);
  msg.sid = chainValue(req.chain.accountSid, parts);
  msg.twilio = {
    object: obj.id, action, sid: parts[parts.length - 1] ?? (body && body[identity]) ?? null,
    chain: sidChain, accountSid: req.accountSid, statusCode: status,
  };
  if (retries > 0) msg.twilio.retried = true;
  ctx.track('output', { sid: sidChain, status });
  send([msg, null]);
}

/** Runs one input message; resolves when its outputs are sent, rejects with why it failed. */
export async function runOperation(ctx: ActionContext, job: Job, send: (m: any) => void): Promise<void> {
  const req = await prepareRequest(ctx, job.msg);
  job.requested = { chain: formatChain(req.chain.accountSid, req.chain.parts), accountSid: req.accountSid };
  ctx.track('input', { sid: job.requested.chain });
  if (ctx.action === 'query') await runQueryJob(ctx, job, req, send);
  else await runSingleJob(ctx, job, req, send);
}

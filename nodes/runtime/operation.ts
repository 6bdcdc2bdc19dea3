// One message's life through an action node: prepare (Sid chain, request document, parameters,
// filters) → request through the account (limiter, retries) → shape the answer → send.
import { ErrorCodes, TwilioNodeError } from '../common/errors';
import { t } from '../common/i18n';
import { buildQueryParams, type FilterRow } from '../request/filters';
import { buildFormParams } from '../request/request-document';
import { buildJsonBody } from '../request/json-body';
import { fillShorthand, readDocument } from '../request/shorthand';
import { buildPath, chainValue, formatChain, parseSidChain, recordChain, type ParsedChain } from '../request/sid-chain';
import type { HttpRequest, ParamValues } from '../twilio/transport';
import type { ActionContext, Job } from './action-context';
import { answeredError, gaveUpNote } from './outcome';
import { runContentJob } from './content';
import { pagePath, runQuery, type OutputMode } from './query-paging';
import { evaluateProperty, evaluateRows } from './typed-input';
import type { NodeMessage, Outputs, TwilioJson } from '../common/untyped';
import { operationLabel, userText } from '../common/hints';
import { checkSuccessBody } from './success-body';
import { allCredentialFields, indexEntry } from '../catalog/catalog';
import { redactCredentials } from '../response/record-fields';

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

/** The request document as the node reads it (not parsed yet), and the static parameter rows. */
async function documentAndRows(ctx: ActionContext, msg: NodeMessage): Promise<{ doc: unknown; hasDoc: boolean; statics: Record<string, unknown> }> {
  const { RED, node, config } = ctx;
  const hasDoc = !!config.requestType && config.requestType !== 'none';
  const doc = hasDoc
    ? await evaluateProperty(RED, node, config.request, config.requestType, msg, () => ({ text: t('errors.subjectRequest'), code: ErrorCodes.invalidRequest }))
    : undefined;
  // No prototype: a row named `__proto__` is a key like any other, refused as unknown.
  const statics: Record<string, unknown> = Object.create(null);
  // A blank text row means "not set" (a row the editor pre-adds for the document to fill);
  // an empty value on purpose (redacting a Body) is the JSON "" or comes from the document.
  const rows = (config.params || []).filter((r) => !((r.valueType || 'str') === 'str' && r.value === ''));
  const operation = operationLabel(ctx.op);
  const subjectOf = (row: { name: string }) => ({ text: t('errors.subjectParam', { name: userText(row.name), operation }), code: ErrorCodes.invalidParameter });
  for (const row of await evaluateRows(RED, node, rows, msg, subjectOf)) statics[row.name] = row.value;
  return { doc, hasDoc, statics };
}

/**
 * A Create/Update's form — the request document, then static rows for what it leaves out — or its
 * JSON body where the operation declares one; a Get/Delete's query parameters where it takes some.
 */
async function bodyOrQuery(ctx: ActionContext, msg: NodeMessage): Promise<{ form?: ParamValues; json?: Record<string, unknown>; query?: ParamValues }> {
  const { action, op } = ctx;
  const writes = action === 'create' || action === 'update';
  if (!writes && !op.query) return {};
  const { doc, hasDoc, statics } = await documentAndRows(ctx, msg);
  if (writes && op.bodyType === 'json') return { json: buildJsonBody(op, doc, statics) };
  const { defaultCountry, defaultSender } = ctx.service.options;
  const shorthand = action === 'create' ? op.shorthand : undefined;
  const parsed = hasDoc ? readDocument(doc, shorthand, { element: ctx.requestElement }) : {};
  if (!writes) return { query: buildFormParams({ ...op, params: op.query, conditional: undefined }, parsed, statics, { defaultCountry }) };
  const filled = fillShorthand(shorthand, parsed, statics, { topic: msg.topic, defaultSender, defaultCountry });
  return { form: buildFormParams(op, parsed, filled, { defaultCountry, record: ctx.schema }) };
}

async function prepareRequest(ctx: ActionContext, msg: NodeMessage): Promise<PreparedRequest> {
  const { RED, node, config, action, obj, op } = ctx;
  const sidValue = config.sidType === 'str' || !config.sidType
    ? (config.sid ?? '')
    : await evaluateProperty(RED, node, config.sid, config.sidType, msg, () => ({ text: t('errors.subjectSid'), code: ErrorCodes.invalidSidChain }));
  const chain = parseSidChain(obj, op, sidValue);
  const accountSid = chain.accountSid || ctx.service.accountSid;
  const path = buildPath(op, accountSid, chain.parts);
  const { form, json, query: opQuery } = await bodyOrQuery(ctx, msg);
  const query = action === 'query'
    ? buildQueryParams(op, await evaluateRows(RED, node, config.filters, msg, (row) => ({
      text: t('errors.subjectFilter', { name: userText(row.field), operation: operationLabel(op) }), code: ErrorCodes.invalidFilter,
    })) as FilterRow[], { warn: ctx.warnOnce, defaultCountry: ctx.service.options.defaultCountry })
    : (opQuery || {}) as Record<string, string>;
  return { chain, accountSid, path, form, json, query };
}

/** One request of this job through the account's limiter and retries. */
function sendRequest(ctx: ActionContext, job: Job, path: string, query?: Record<string, string>, form?: ParamValues,
  json?: Record<string, unknown>, read: Pick<HttpRequest, 'maxBytes' | 'bytes' | 'buffers'> = {}) {
  const reservation = job.reservation;
  job.reservation = undefined;
  return ctx.service.execute({ method: ctx.op.method, host: ctx.host, path, query, form, json, signal: job.cancel, ...read }, {
    idempotent: ctx.idempotent,
    reservation,
    onStart: () => { job.sent = true; job.activity.requestStarted(); },
    onWait: ({ status, seconds }) => { job.sent = false; job.activity.backingOff(status, seconds); },
  });
}

/**
 * Output messages made from the input one: its properties but the payload, copied, with a new
 * payload. Every message must be independent (a downstream node may mutate one): when the
 * input's other properties are all primitives (an inject's _msgid and topic) a shallow copy
 * already is, and costs far less per record than a deep clone; otherwise each gets a clone.
 */
function messageDeriver(ctx: ActionContext, msg: NodeMessage): (payload: unknown) => NodeMessage {
  const { payload: _drop, ...rest } = msg;
  void _drop;
  const keys = Object.keys(rest);
  const values = keys.map((k) => rest[k]);
  if (values.every((v) => v === null || (typeof v !== 'object' && typeof v !== 'function'))) {
    // A plain loop: several times cheaper per record than an object spread here (bench/run.js).
    return (payload) => {
      const out: NodeMessage = {};
      for (let i = 0; i < keys.length; i++) out[keys[i]] = values[i];
      out.payload = payload;
      return out;
    };
  }
  return (payload) => {
    const out = ctx.RED.util.cloneMessage(rest);
    out.payload = payload;
    return out;
  };
}

/**
 * msg.nextPageUri (a msg.twilio.nextPageUri fed back) resumes a query; it must be a page of
 * the very list this message addresses, so a stray URI cannot read another list.
 */
function resumePoint(msg: NodeMessage, listPath: string): string | undefined {
  if (msg.nextPageUri === undefined || msg.nextPageUri === null || msg.nextPageUri === '') return undefined;
  const uri = String(msg.nextPageUri);
  if (new URL(pagePath(uri), 'https://x').pathname !== listPath) {
    throw new TwilioNodeError(t('errors.badResumeUri', { uri: userText(uri), path: listPath }), ErrorCodes.invalidRequest);
  }
  return uri;
}

async function runQueryJob(ctx: ActionContext, job: Job, req: PreparedRequest, send: (m: Outputs) => void): Promise<void> {
  const mode = OUTPUT_MODES.includes(ctx.config.outputMode as OutputMode) ? ctx.config.outputMode as OutputMode : 'record';
  await runQuery(ctx, {
    mode, listPath: req.path, resumeFrom: resumePoint(job.msg, req.path), query: req.query,
    parents: req.chain.parts, accountPrefix: req.chain.accountSid, accountSid: req.accountSid,
  }, {
    fetch: async (pagePathAndQuery, q, buffers) => {
      const { response, gaveUp } = await sendRequest(ctx, job, pagePathAndQuery, q, undefined, undefined, { bytes: true, buffers });
      if (response.status >= 400) throw answeredError(response.status, response.body, true, gaveUpNote(ctx.service, gaveUp));
      return response;
    },
    derive: messageDeriver(ctx, job.msg),
    // One output: Node-RED's fast path for a single message on a single wire.
    send: (m) => send(m),
    stopped: () => job.stop,
  });
  ctx.track('output', { sid: job.requested?.chain, status: 200 });
}

/** Get, Create, Update, Delete: one request, one output message. */
async function runSingleJob(ctx: ActionContext, job: Job, req: PreparedRequest, send: (m: Outputs) => void): Promise<void> {
  const { action, obj, identity } = ctx;
  const msg = job.msg;
  const query = Object.keys(req.query).length ? req.query : undefined;
  const { response, retries, gaveUp, earlierMayHaveRun } = await sendRequest(ctx, job, req.path, query, req.form, req.json);
  let status = response.status;
  let body = response.body as TwilioJson | null;
  if (status >= 400) {
    // "Not found" after an attempt that may have deleted it is the record already gone; after
    // a 429 (Twilio did nothing) it is a Sid that does not exist.
    const alreadyGone = action === 'delete' && earlierMayHaveRun && status === 404 && body && body.code === 20404;
    if (!alreadyGone) throw answeredError(status, body, ctx.idempotent, gaveUpNote(ctx.service, gaveUp));
    status = 204;
    body = null;
  }
  if (status < 300) checkSuccessBody(ctx.op, ctx.schema, status, body, ctx.idempotent);
  let parts = req.chain.parts;
  if (status === 204) {
    // A Delete answers with no body: the message keeps its payload.
  } else if (status >= 300) {
    msg.payload = body && typeof body === 'object'
      ? (ctx.shaper.reveals ? body : redactCredentials(body, allCredentialFields(indexEntry(obj.id)?.product)))
      : { redirect_to: response.headers.location };
  } else {
    // A 2xx to Get/Create/Update carries the record (the shaper checks its fields).
    if (action === 'create') parts = recordChain(obj, identity, parts, body as TwilioJson);
    msg.payload = ctx.shaper.payload(body as TwilioJson);
  }
  const sidChain = formatChain(req.chain.accountSid, parts);
  msg.sid = chainValue(req.chain.accountSid, parts);
  msg.twilio = {
    object: obj.id, action, sid: parts[parts.length - 1] ?? (body && body[identity]) ?? null,
    chain: sidChain, accountSid: req.accountSid, statusCode: status,
  };
  if (retries > 0) msg.twilio.retried = true;
  ctx.track('output', { sid: sidChain, status });
  // Output 1 as a single message: Node-RED's fast path for one message on one wire.
  send(msg);
}

/** Runs one input message; resolves when its outputs are sent, rejects with why it failed. */
export async function runOperation(ctx: ActionContext, job: Job, send: (m: Outputs) => void): Promise<void> {
  const req = await prepareRequest(ctx, job.msg);
  job.requested = { chain: formatChain(req.chain.accountSid, req.chain.parts), accountSid: req.accountSid };
  ctx.track('input', { sid: job.requested.chain });
  if (ctx.action === 'query') await runQueryJob(ctx, job, req, send);
  else if (ctx.action === 'get' && ctx.config.content) {
    await runContentJob(ctx, job, req, (path, maxBytes) => sendRequest(ctx, job, path, undefined, undefined, undefined, { maxBytes }), send);
  } else await runSingleJob(ctx, job, req, send);
}

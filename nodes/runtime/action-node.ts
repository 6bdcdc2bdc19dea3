// The operation runner: one code path for all five actions on every catalog object.
// node → runner → catalog (object, Sid chain, parameters) → profiles in → account (limiter,
// retries, paging) → profiles out → send/done.
import type { Action, CatalogObject, Operation } from '../catalog/types';
import { findObject, schemaOf } from '../catalog/catalog';
import type { AccountService } from '../twilio/account-service';
import type { Reservation } from '../twilio/account-limiter';
import { NodeActivity } from './node-status';
import { ErrorCodes, TwilioNodeError, type ProjectErrorCode, type TwilioErrorDetail } from '../common/errors';
import { evaluateProperty, evaluateRows } from './typed-input';
import { buildQueryParams, type FilterRow } from '../request/filters';
import { t } from '../common/i18n';
import { pagePath, runQuery, type OutputMode } from './query-paging';
import { buildFormParams, parseRequestDocument } from '../request/request-document';
import { RecordShaper } from '../response/record-shaper';
import { buildPath, formatChain, parseSidChain, recordChain } from '../request/sid-chain';
import { errorToTwilioXml } from '../response/twilio-xml';

/* eslint-disable @typescript-eslint/no-explicit-any */
export interface ActionNodeConfig {
  id: string;
  type: string;
  name?: string;
  account: string;
  object: string;
  sid?: string;
  sidType?: string;
  request?: string;
  requestType?: string;
  format?: 'json' | 'xml';
  dates?: 'rfc2822' | 'iso';
  errorOutput?: boolean;
  tracking?: 'none' | 'input' | 'output';
  /** empty = all fields; null = none checked, which the editor marks invalid */
  fields?: string[] | null;
  filters?: Array<{ field: string; op: FilterRow['op']; value: unknown; valueType?: string }>;
  limit?: number | string;
  pageSize?: number | string;
  outputMode?: OutputMode;
  params?: Array<{ name: string; value: unknown; valueType?: string }>;
}

const IDEMPOTENT: Record<Action, boolean> = { get: true, query: true, delete: true, create: false, update: false };
const CLOSE_ABORT_MS = 10000;

interface Job {
  msg: any;
  controller: AbortController;
  stop: boolean;
  /** a request of this job is (or was, when it failed) on its way to Twilio */
  sent?: boolean;
  /** the account queue place taken on arrival, until the first request claims it */
  reservation?: Reservation;
  /** the chain and account the message addressed, once known */
  requested?: { chain: string; accountSid: string };
}

function twilioDetail(status: number, body: any): TwilioErrorDetail {
  if (body && typeof body === 'object' && (body.message || body.code)) {
    const d: TwilioErrorDetail = { status, code: body.code, message: String(body.message || '') };
    if (body.more_info) d.moreInfo = body.more_info;
    if (body.details) d.details = body.details;
    return d;
  }
  return { status, message: t('errors.httpStatus', { status }) };
}

/** Twilio answered with an error. A 5xx to a Create/Update may still have been carried out. */
function answeredError(status: number, body: any, idempotent: boolean, note?: string): TwilioNodeError {
  const detail = twilioDetail(status, body);
  if (note) detail.message = note.replace('__message__', detail.message);
  if (!idempotent && status >= 500) {
    return new TwilioNodeError(t('errors.mayHaveBeenProcessed', { status, message: detail.message }),
      ErrorCodes.mayHaveBeenProcessed, detail, body);
  }
  return new TwilioNodeError(detail.message || t('errors.httpStatus', { status }), detail.code || status, detail, body);
}

/** A reset, timeout or close-time abort of a Create/Update in flight: it may have reached Twilio. */
function uncertainTransport(err: unknown, idempotent: boolean, sent: boolean): unknown {
  if (idempotent || !(err instanceof TwilioNodeError)) return err;
  if (err.code === ErrorCodes.closed && sent) {
    return new TwilioNodeError(t('errors.mayHaveBeenProcessedTransport', { reason: err.message }), ErrorCodes.mayHaveBeenProcessed);
  }
  const lowLevel = (err as TwilioNodeError & { transportCode?: string }).transportCode;
  const neverSent = lowLevel === 'ECONNREFUSED' || lowLevel === 'ENOTFOUND';
  if ((err.code === ErrorCodes.timeout || err.code === ErrorCodes.transport) && !neverSent) {
    return new TwilioNodeError(t('errors.mayHaveBeenProcessedTransport', { reason: err.message }), ErrorCodes.mayHaveBeenProcessed);
  }
  return err;
}

/** A whole number in [min, max]; empty means the default; anything else is undefined. */
function wholeNumber(v: unknown, dflt: number, min: number, max: number): number | undefined {
  if (v === undefined || v === null || v === '') return dflt;
  const n = typeof v === 'number' ? v : Number(String(v).trim());
  return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
}

export function registerActionNode(RED: any, type: string, action: Action): void {
  function ActionNode(this: any, config: ActionNodeConfig) {
    RED.nodes.createNode(this, config);
    const node = this;
    const obj: CatalogObject | undefined = findObject(config.object);
    const op: Operation | undefined = obj ? obj.actions[action] : undefined;
    const accountNode = RED.nodes.getNode(config.account);
    const service: AccountService | undefined = accountNode && accountNode.service;
    const activity = new NodeActivity(node);
    const jobs = new Set<Job>();
    const idempotent = IDEMPOTENT[action];
    let closing = false;
    let warnedDroppedTime = false;

    const limit = wholeNumber(config.limit, 0, 0, Number.MAX_SAFE_INTEGER);
    const pageSize = wholeNumber(config.pageSize, 50, 1, 1000);
    // A node that cannot work says why on every message (a fresh Error each time, for its stack).
    let setupProblem: { key: string; vars?: Record<string, unknown>; code: ProjectErrorCode } | undefined;
    if (!service) setupProblem = { key: 'noAccount', code: ErrorCodes.credentials };
    else if (!obj) setupProblem = { key: 'unknownObject', vars: { object: config.object }, code: ErrorCodes.invalidObject };
    else if (!op) setupProblem = { key: 'unsupportedAction', vars: { object: obj.label, action }, code: ErrorCodes.invalidObject };
    else if (config.fields === null) setupProblem = { key: 'noFields', code: ErrorCodes.invalidRequest };
    else if (action === 'query' && limit === undefined) setupProblem = { key: 'badLimit', vars: { value: config.limit }, code: ErrorCodes.invalidRequest };
    else if (action === 'query' && pageSize === undefined) setupProblem = { key: 'badPageSize', vars: { value: config.pageSize }, code: ErrorCodes.invalidRequest };
    const setupError = () => setupProblem && new TwilioNodeError(t(`errors.${setupProblem.key}`, setupProblem.vars), setupProblem.code);
    if (setupProblem) node.status({ fill: 'red', shape: 'ring', text: (setupError() as Error).message });
    if (service) service.retain(node);

    /** Why a retryable answer was not retried again, appended to Twilio's message. */
    const gaveUpNote = (gaveUp?: { reason: 'retries' | 'budget'; waitSeconds: number }) => {
      if (!gaveUp || !service) return undefined;
      const o = service.options;
      return gaveUp.reason === 'retries'
        ? t('errors.gaveUpRetries', { message: '__message__', retries: o.maxRetries })
        : t('errors.gaveUpBudget', { message: '__message__', seconds: gaveUp.waitSeconds, budget: Math.round(o.retryMaxWait / 1000) });
    };

    const schema = op ? schemaOf(op) : undefined;
    // An XML request's root is the object, as in the editor's request profile (e.g. <Message>).
    const requestElement = schema ? schema.element : undefined;
    const identity = schema ? schema.identity : 'sid';
    const shaper = new RecordShaper(schema, {
      fields: Array.isArray(config.fields) ? config.fields : [],
      dates: config.dates === 'iso' ? 'iso' : 'rfc2822',
      format: config.format === 'xml' ? 'xml' : 'json',
    });

    const track = (direction: 'input' | 'output', info: Record<string, unknown>) => {
      if (config.tracking !== direction) return;
      node.log(t(`tracking.${direction}`, { object: config.object, action, ...info }));
    };

    const warnDroppedTime = (text: string) => {
      if (warnedDroppedTime) return;
      warnedDroppedTime = true;
      node.warn(text);
    };

    async function prepare(job: Job) {
      const o = obj as CatalogObject;
      const p = op as Operation;
      const msg = job.msg;
      const sidValue = config.sidType === 'str' || !config.sidType
        ? (config.sid ?? '')
        : await evaluateProperty(RED, node, config.sid, config.sidType, msg);
      const chain = parseSidChain(o, p, sidValue);
      const accountSid = chain.accountSid || (service as AccountService).accountSid;
      const path = buildPath(p, accountSid, chain.parts);
      let form: Record<string, string | string[]> | undefined;
      let query: Record<string, string> = {};
      if (action === 'create' || action === 'update') {
        const doc = !config.requestType || config.requestType === 'none'
          ? {}
          : parseRequestDocument(await evaluateProperty(RED, node, config.request, config.requestType, msg), { element: requestElement });
        const statics: Record<string, unknown> = {};
        // A blank text row means "not set" (a row the editor pre-adds for the document to fill);
        // an empty value on purpose (redacting a Body) is the JSON "" or comes from the document.
        const rows = (config.params || []).filter((r) => !((r.valueType || 'str') === 'str' && r.value === ''));
        for (const row of await evaluateRows(RED, node, rows, msg)) statics[row.name] = row.value;
        form = buildFormParams(p, doc, statics);
      }
      if (action === 'query') {
        const rows = await evaluateRows(RED, node, config.filters, msg);
        query = buildQueryParams(p, rows as FilterRow[], { warn: warnDroppedTime });
      }
      return { chain, accountSid, path, form, query };
    }

    function execute(job: Job, path: string, query?: Record<string, string>, form?: Record<string, string | string[]>) {
      const p = op as Operation;
      const reservation = job.reservation;
      job.reservation = undefined;
      return (service as AccountService).execute({ method: p.method, path, query, form }, {
        idempotent,
        reservation,
        signal: job.controller.signal,
        onStart: () => { job.sent = true; activity.requestStarted(); },
        onEnd: () => activity.requestEnded(),
        onWait: ({ status, seconds }) => { job.sent = false; activity.backingOff(status, seconds); },
      });
    }

    async function handle(job: Job, send: (m: any) => void): Promise<void> {
      const o = obj as CatalogObject;
      const p = op as Operation;
      const msg = job.msg;
      const { chain, accountSid, path, form, query } = await prepare(job);
      const requested = formatChain(chain.accountSid, chain.parts);
      job.requested = { chain: requested, accountSid };
      track('input', { sid: requested });

      if (action === 'query') {
        await runQuery({
          obj: o, op: p, identity, shaper,
          mode: (['record', 'page', 'array'].includes(config.outputMode as string) ? config.outputMode : 'record') as OutputMode,
          limit: limit as number,
          pageSize: pageSize as number,
          firstPath: path, resumeFrom: resumePoint(msg, path), query, parents: chain.parts, accountPrefix: chain.accountSid, accountSid,
          job,
          fetch: async (pagePath, q) => {
            const { response, gaveUp } = await execute(job, pagePath, q);
            if (response.status >= 400) throw answeredError(response.status, response.body, true, gaveUpNote(gaveUp));
            return response;
          },
          derive: (payload) => deriveMessage(msg, payload),
          send: (m) => send([m, null]),
          newPartsId: () => RED.util.generateId(),
        }, (err) => { throw err; });
        track('output', { sid: requested, status: 200 });
        return;
      }

      const { response, retries, gaveUp } = await execute(job, path, undefined, form);
      let status = response.status;
      let body: any = response.body;
      if (status >= 400) {
        const alreadyGone = action === 'delete' && retries > 0 && status === 404 && body && body.code === 20404;
        if (!alreadyGone) throw answeredError(status, body, idempotent, gaveUpNote(gaveUp));
        status = 204;
        body = null;
      }
      let parts = chain.parts;
      if (status === 204) {
        // A Delete answers with no body: the message keeps its payload.
      } else if (status >= 300) {
        msg.payload = body && typeof body === 'object' ? body : { redirect_to: response.headers.location };
      } else {
        if (action === 'create') parts = recordChain(o, identity, chain.parts, body);
        msg.payload = shaper.payload(body);
      }
      const sidChain = formatChain(chain.accountSid, parts);
      msg.sid = sidChain;
      msg.twilio = {
        object: o.id, action, sid: parts[parts.length - 1] ?? (body && body[identity]) ?? null,
        chain: sidChain, accountSid, statusCode: status,
      };
      if (retries > 0) msg.twilio.retried = true;
      track('output', { sid: sidChain, status });
      send([msg, null]);
    }

    /**
     * msg.nextPageUri (a msg.twilio.nextPageUri fed back) resumes a query; it must be a page of
     * the very list this message addresses, so a stray URI cannot read another list.
     */
    function resumePoint(msg: any, listPath: string): string | undefined {
      if (msg.nextPageUri === undefined || msg.nextPageUri === null || msg.nextPageUri === '') return undefined;
      const uri = String(msg.nextPageUri);
      const pathOnly = pagePath(uri).split('?')[0];
      if (pathOnly !== listPath) {
        throw new TwilioNodeError(t('errors.badResumeUri', { uri, path: listPath }), ErrorCodes.invalidRequest);
      }
      return uri;
    }

    function deriveMessage(msg: any, payload: unknown): any {
      const { payload: _drop, ...rest } = msg;
      void _drop;
      const out = RED.util.cloneMessage(rest);
      out.payload = payload;
      return out;
    }

    function fail(job: Job, err: unknown, send: (m: any) => void, done: (e?: Error) => void): void {
      const msg = job.msg;
      const error = uncertainTransport(err, idempotent, !!job.sent);
      const e = error instanceof TwilioNodeError ? error
        : new TwilioNodeError(error instanceof Error ? error.message : String(error), ErrorCodes.invalidRequest);
      // What this node did, not what an earlier node left on the message.
      msg.twilio = { object: config.object, action };
      if (job.requested) Object.assign(msg.twilio, job.requested);
      if (e.twilio) msg.twilio.error = e.twilio;
      if (e.code === ErrorCodes.mayHaveBeenProcessed) msg.twilio.mayHaveBeenProcessed = true;
      track('output', { sid: job.requested ? job.requested.chain : '', status: e.twilio ? e.twilio.status : e.code });
      // An error Twilio answered (a 5xx to a Create/Update included, flagged above) is data for
      // the flow when the node returns application error responses.
      const application = !!e.twilio && e.code !== ErrorCodes.badResponse;
      if (config.errorOutput && application && !closing) {
        const detail = e.twilio as TwilioErrorDetail;
        msg.payload = config.format === 'xml' ? errorToTwilioXml(detail) : (e.body ?? detail);
        msg.applicationStatusCode = detail.status;
        msg.applicationStatusMessage = detail.message;
        msg.twilio.statusCode = detail.status;
        send([null, msg]);
        activity.end(e.message);
        done();
        return;
      }
      activity.end(e.message);
      if (closing) node.warn(t('errors.undeliverable', { msgid: msg._msgid, reason: e.message }));
      done(e);
    }

    node.on('input', (msg: any, send: (m: any) => void, done: (e?: Error) => void) => {
      if (closing) {
        done(new TwilioNodeError(t('errors.closing'), ErrorCodes.closed));
        return;
      }
      if (action === 'query' && msg && msg.stop === true) {
        for (const j of jobs) j.stop = true;
        done();
        return;
      }
      if (setupProblem) {
        done(setupError());
        return;
      }
      const job: Job = { msg, controller: new AbortController(), stop: false };
      // The message's place in the account's FIFO is its arrival, not the end of its preparation.
      job.reservation = (service as AccountService).limiter.reserve();
      jobs.add(job);
      activity.begin();
      const settle = () => {
        jobs.delete(job);
        if (job.reservation) job.reservation.cancel();
      };
      handle(job, send).then(() => {
        settle();
        activity.end();
        done();
      }, (err) => {
        settle();
        fail(job, err, send, done);
      });
    });

    node.on('close', (_removed: boolean, done: () => void) => {
      closing = true;
      for (const j of jobs) j.controller.abort();
      const finish = () => {
        activity.clear();
        if (service) service.release(node);
        done();
      };
      if (jobs.size === 0) return finish();
      // Aborted jobs end (and call their own done) within moments; never hold Node-RED past its
      // 15 s close timeout.
      const started = Date.now();
      const timer = setInterval(() => {
        if (jobs.size === 0 || Date.now() - started > CLOSE_ABORT_MS) {
          clearInterval(timer);
          finish();
        }
      }, 20);
    });
  }
  RED.nodes.registerType(type, ActionNode);
}

// How a message ends when its operation failed: a catchable error (catch node, msg.error), or —
// for an error Twilio answered, when the node returns application error responses — output 2.
// Also what a failure means: a 5xx, reset or timeout of a Create/Update may have been carried out.
import { ErrorCodes, TwilioNodeError, forNodeRed, type TwilioErrorDetail } from '../common/errors';
import { t } from '../common/i18n';
import { errorToTwilioXml } from '../response/twilio-xml';
import { failureReason } from './typed-input';
import { allCredentialFields, indexEntry } from '../catalog/catalog';
import { redactCredentials } from '../response/record-fields';
import type { AccountService } from '../twilio/account-service';
import type { ActionContext, Job } from './action-context';
import type { Outputs, TwilioJson } from '../common/untyped';

function twilioDetail(status: number, body: TwilioJson | null | undefined): TwilioErrorDetail {
  if (body && typeof body === 'object' && (body.message || body.code)) {
    const d: TwilioErrorDetail = { status, code: body.code, message: String(body.message || '') };
    if (body.more_info) d.moreInfo = body.more_info;
    if (body.details) d.details = body.details;
    return d;
  }
  return { status, message: t('errors.httpStatus', { status }) };
}

/** Why a retryable answer was not retried again, to append to Twilio's message. */
export function gaveUpNote(service: AccountService, gaveUp?: { reason: 'retries' | 'budget'; waitSeconds: number }): string | undefined {
  if (!gaveUp) return undefined;
  const o = service.options;
  return gaveUp.reason === 'retries'
    ? t('errors.gaveUpRetries', { message: '__message__', retries: o.maxRetries })
    : t('errors.gaveUpBudget', { message: '__message__', seconds: gaveUp.waitSeconds, budget: Math.round(o.retryMaxWait / 1000) });
}

/** Twilio answered with an error. A 5xx to a Create/Update may still have been carried out. */
export function answeredError(status: number, body: unknown, idempotent: boolean, note?: string): TwilioNodeError {
  const detail = twilioDetail(status, body as TwilioJson | null);
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
  // an answer that could not be used still followed a request Twilio may have carried out
  if (err.code === ErrorCodes.badResponse) err.mayHaveBeenProcessed = true;
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

/** Any failure as the project's error, with what it means for a Create/Update. */
function asProjectError(ctx: ActionContext, job: Job, err: unknown): TwilioNodeError {
  const error = uncertainTransport(err, ctx.idempotent, !!job.sent);
  return error instanceof TwilioNodeError ? error
    : new TwilioNodeError(failureReason(error), ErrorCodes.invalidRequest);
}

/** Ends a failed message: output 2 for an error Twilio answered (when enabled), else done(err). */
export function endWithFailure(ctx: ActionContext, job: Job, err: unknown, closing: boolean,
  send: (m: Outputs) => void, done: (e?: Error) => void): void {
  const { config, action } = ctx;
  const msg = job.msg;
  const e = asProjectError(ctx, job, err);
  // What this node did, not what an earlier node left on the message.
  msg.twilio = { object: config.object, action };
  if (job.requested) Object.assign(msg.twilio, job.requested);
  if (e.twilio) msg.twilio.error = e.twilio;
  if (e.code === ErrorCodes.mayHaveBeenProcessed || e.mayHaveBeenProcessed) msg.twilio.mayHaveBeenProcessed = true;
  ctx.track('output', { sid: job.requested ? job.requested.chain : '', status: e.twilio ? e.twilio.status : e.code });
  job.activity.end(e);
  // An error Twilio answered (a 5xx to a Create/Update included, flagged above) is data for
  // the flow when the node returns application error responses.
  const application = !!e.twilio && e.code !== ErrorCodes.badResponse;
  if (config.errorOutput && application && !closing) {
    const detail = e.twilio as TwilioErrorDetail;
    const body = e.body && typeof e.body === 'object' && !ctx.shaper.reveals ? redactCredentials(e.body, allCredentialFields(indexEntry(ctx.obj.id)?.product)) : e.body;
    msg.payload = config.format === 'xml' ? errorToTwilioXml(detail) : (body ?? detail);
    msg.applicationStatusCode = detail.status;
    msg.applicationStatusMessage = detail.message;
    msg.twilio.statusCode = detail.status;
    send([null, msg]);
    done();
    return;
  }
  if (closing) ctx.node.warn(t('errors.undeliverable', { msgid: msg._msgid, reason: e.message }));
  done(forNodeRed(e));
}

// Status callbacks: a Message or Call created with StatusCallback moves through its life
// (queued → sent → delivered, or failed/undelivered for the sandbox's failing numbers), the
// stored record follows, and each step is POSTed, signed, to the callback URL.
import type { Operations } from './operations';
import type { Rec } from './records';
import { sendSignedWebhook } from './webhook-sender';

interface Lifecycle {
  objectId: string;
  /** statuses sent, in order */
  steps: string[];
  /** the form parameter that carries the status */
  statusParam: string[];
  /** parameters every callback of this kind carries, from the record */
  fields: Record<string, string>;
}

const MESSAGE: Lifecycle = {
  objectId: 'api.v2010.Messages',
  steps: ['queued', 'sent', 'delivered'],
  statusParam: ['MessageStatus', 'SmsStatus'],
  fields: { MessageSid: 'sid', SmsSid: 'sid', AccountSid: 'account_sid', From: 'from', To: 'to', MessagingServiceSid: 'messaging_service_sid' },
};

/** By Sid prefix: which lifecycle a created record follows. */
const LIFECYCLES: Record<string, Lifecycle> = {
  SM: MESSAGE,
  MM: MESSAGE,
  CA: {
    objectId: 'api.v2010.Calls',
    steps: ['initiated', 'ringing', 'in-progress', 'completed'],
    statusParam: ['CallStatus'],
    fields: { CallSid: 'sid', AccountSid: 'account_sid', From: 'from', To: 'to', Direction: 'direction' },
  },
};

/**
 * Sandbox-only destinations whose messages fail after being sent, with Twilio's error codes
 * (30003 Unreachable destination handset, 30006 Landline or unreachable carrier).
 */
export const FAILING_DESTINATIONS: Record<string, { status: string; code: number }> = {
  '+15005559903': { status: 'undelivered', code: 30003 },
  '+15005559906': { status: 'failed', code: 30006 },
};

export interface CallbackLogEntry {
  url: string;
  params: Record<string, string>;
  status?: number;
  error?: string;
  at: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class StatusCallbacks {
  log: CallbackLogEntry[] = [];
  private generation = 0;

  constructor(private readonly ops: Operations, private readonly authToken: string, private readonly stepDelayMs = 100) {}

  /** After a Create: starts the record's lifecycle when it asked for status callbacks. */
  afterCreate(accountSid: string, form: Record<string, string | string[]>, record: Rec | undefined): void {
    const url = form.StatusCallback;
    const sid = typeof record?.sid === 'string' ? record.sid : '';
    const life = LIFECYCLES[sid.slice(0, 2)];
    if (!life || typeof url !== 'string' || !url) return;
    const method = typeof form.StatusCallbackMethod === 'string' ? form.StatusCallbackMethod : 'POST';
    // A call reports only `completed` unless StatusCallbackEvent asks for more, as Twilio does.
    const events = form.StatusCallbackEvent;
    const failing = life === MESSAGE ? FAILING_DESTINATIONS[String(record?.to ?? '')] : undefined;
    const steps = life !== MESSAGE && !events ? ['completed'] : failing ? [...life.steps.slice(0, -1), failing.status] : life.steps;
    void this.run(accountSid, life, sid, url, method, steps, failing, this.generation);
  }

  /** Forgets pending lifecycles (sandbox reset). */
  reset(): void {
    this.generation++;
    this.log = [];
  }

  private async run(accountSid: string, life: Lifecycle, sid: string, url: string, method: string, steps: string[],
    failing: { status: string; code: number } | undefined, generation: number): Promise<void> {
    for (const [i, status] of steps.entries()) {
      await sleep(this.stepDelayMs);
      if (generation !== this.generation) return;
      const error = failing && failing.status === status ? failing.code : undefined;
      const rec = this.ops.patch(accountSid, life.objectId, sid, { status, ...(error ? { error_code: error } : {}) });
      if (!rec) return;
      const params: Record<string, string> = { ApiVersion: '2010-04-01' };
      for (const [param, field] of Object.entries(life.fields)) if (rec[field] != null && rec[field] !== '') params[param] = String(rec[field]);
      for (const p of life.statusParam) params[p] = status;
      if (error) params.ErrorCode = String(error);
      if (status === 'completed') params.CallDuration = String(rec.duration ?? '0');
      if (life.statusParam[0] === 'CallStatus') params.SequenceNumber = String(i);
      const entry: CallbackLogEntry = { url, params, at: Date.now() };
      this.log.push(entry);
      try {
        entry.status = (await sendSignedWebhook(url, params, this.authToken, method)).status;
      } catch (e) {
        entry.error = (e as Error).message;
      }
    }
  }
}

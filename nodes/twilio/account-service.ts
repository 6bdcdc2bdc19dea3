// What a twilio-account config node offers its action nodes: one transport (agents, SDK
// client) created on first use, one limiter, the retry settings, and a count of users so
// the agents outlive every node still finishing its work.
import type { TwilioNodeError } from '../common/errors';
import { TwilioTransport, credentialsProblem, type AccountSettings, type HttpRequest, type HttpResponse } from './transport';
import { AccountLimiter, type Outcome, type Reservation } from './account-limiter';
import { sendWithRetries, type RetryHooks, type RetryResult } from './retry';

/** The config node's defaults; the editor shows the same. */
export { ACCOUNT_DEFAULTS } from './account-defaults';

export interface AccountOptions extends AccountSettings {
  maxConcurrent: number;
  maxPerSecond: number;
  maxRetries: number;
  retryMaxWait: number;
  /** ISO country for national phone numbers (`US`, `GB`); empty: numbers need a + country code */
  defaultCountry?: string;
  /** fills a Create's sender when the message has none: a number/address, or MG… (catalog `shorthand`) */
  defaultSender?: string;
}

export interface ExecuteOptions extends RetryHooks {
  idempotent: boolean;
  /** the queue place the message took on arrival; used by the first attempt */
  reservation?: Reservation;
  /** called when the request leaves the queue */
  onStart?: () => void;
}

export class AccountService {
  readonly limiter: AccountLimiter;
  private transport: TwilioTransport | undefined;
  private users = new Set<object>();
  private idleWaiters: Array<() => void> = [];

  constructor(readonly options: AccountOptions) {
    this.limiter = new AccountLimiter(options.maxConcurrent, options.maxPerSecond);
  }

  get accountSid(): string {
    return (this.options.accountSid || '').trim();
  }

  /** Why no request can be sent (missing Account SID, token or key), known at deploy. */
  credentialsProblem(): TwilioNodeError | undefined {
    return credentialsProblem(this.options);
  }

  private connection(): TwilioTransport {
    if (!this.transport) {
      this.transport = new TwilioTransport({
        ...this.options,
        maxSockets: Math.max(this.options.maxConcurrent, 1),
      });
    }
    return this.transport;
  }

  /**
   * One operation's request: queued behind the limiter for each attempt, retried per policy;
   * `req.signal` ends it in the queue, in flight or between attempts.
   */
  execute(req: HttpRequest, opts: ExecuteOptions): Promise<RetryResult> {
    const signal = req.signal;
    const transport = this.connection();
    let reservation = opts.reservation;
    const attempt = async (): Promise<HttpResponse> => {
      const place = reservation;
      reservation = undefined;
      const release = await (place ? place.claim(signal) : this.limiter.acquire(signal));
      if (opts.onStart) opts.onStart();
      let outcome: Outcome = 'neutral';
      try {
        const res = await transport.send(req);
        // The limiter's window backs off on 429 and grows on answers the account accepted.
        outcome = res.status === 429 ? 'throttled' : res.status < 500 ? 'ok' : 'neutral';
        return res;
      } finally {
        release(outcome);
      }
    };
    return sendWithRetries(attempt, {
      idempotent: opts.idempotent,
      maxRetries: this.options.maxRetries,
      retryMaxWait: this.options.retryMaxWait,
    }, signal, opts);
  }

  retain(user: object): void {
    this.users.add(user);
  }

  release(user: object): void {
    this.users.delete(user);
    if (this.users.size === 0) for (const w of this.idleWaiters.splice(0)) w();
  }

  /** Waits (bounded) for every user to let go, then frees sockets. */
  async close(err: Error, waitMs: number): Promise<void> {
    if (this.users.size > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, waitMs);
        this.idleWaiters.push(() => { clearTimeout(timer); resolve(); });
      });
    }
    this.limiter.rejectQueued(err);
    if (this.transport) this.transport.close();
    this.transport = undefined;
  }
}

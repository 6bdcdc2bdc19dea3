// The per-account limiter (DESIGN §6): at most maxConcurrent requests in flight for every
// node of the account, started in FIFO order, and at most maxPerSecond starts a second.
import { ErrorCodes, TwilioNodeError } from './errors';
import { t } from './messages';

interface Waiter {
  resolve: (release: () => void) => void;
  reject: (err: Error) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

export class AccountLimiter {
  private active = 0;
  private readonly queue: Waiter[] = [];
  private readonly starts: number[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(readonly maxConcurrent: number, readonly maxPerSecond = 0) {
    if (!(maxConcurrent >= 1)) this.maxConcurrent = 1;
  }

  get inFlight(): number {
    return this.active;
  }

  get queued(): number {
    return this.queue.length;
  }

  /** Resolves with a release function once the request may start. */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal && signal.aborted) return Promise.reject(new TwilioNodeError(t('errors.aborted'), ErrorCodes.closed));
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal };
      if (signal) {
        waiter.onAbort = () => {
          const i = this.queue.indexOf(waiter);
          if (i >= 0) this.queue.splice(i, 1);
          reject(new TwilioNodeError(t('errors.aborted'), ErrorCodes.closed));
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.queue.push(waiter);
      this.pump();
    });
  }

  private rateDelay(now: number): number {
    if (!this.maxPerSecond) return 0;
    while (this.starts.length && now - this.starts[0] >= 1000) this.starts.shift();
    return this.starts.length < this.maxPerSecond ? 0 : 1000 - (now - this.starts[0]);
  }

  private pump(): void {
    while (this.queue.length && this.active < this.maxConcurrent) {
      const now = Date.now();
      const wait = this.rateDelay(now);
      if (wait > 0) {
        if (!this.timer) {
          this.timer = setTimeout(() => { this.timer = undefined; this.pump(); }, wait);
        }
        return;
      }
      const waiter = this.queue.shift() as Waiter;
      if (waiter.signal && waiter.onAbort) waiter.signal.removeEventListener('abort', waiter.onAbort);
      this.active++;
      if (this.maxPerSecond) this.starts.push(now);
      let released = false;
      waiter.resolve(() => {
        if (released) return;
        released = true;
        this.active--;
        this.pump();
      });
    }
  }

  /** Ends every queued request with an error (the account is going away). */
  rejectQueued(err: Error): void {
    for (const w of this.queue.splice(0)) {
      if (w.signal && w.onAbort) w.signal.removeEventListener('abort', w.onAbort);
      w.reject(err);
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

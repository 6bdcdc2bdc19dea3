// The per-account limiter (docs/architecture.md, "Limiter"): at most `window` requests in flight
// for every node of the account, started in FIFO order, and at most maxPerSecond starts a second.
// FIFO means arrival order: a message takes its place when it reaches a node (reserve), before
// its typedInputs are evaluated, so a slower preparation cannot let a later message overtake.
// The window adapts (docs/benchmarks.md, "shared account"): several processes may share one
// account's concurrency limit with no coordination, so each backs off when Twilio answers 429
// and probes upward on success — additive increase, multiplicative decrease, as TCP does —
// never above maxConcurrent, which is the window's ceiling.
import { ErrorCodes, TwilioNodeError } from '../common/errors';
import { t } from '../common/i18n';
import type { CancelSignal } from '../common/cancel';

interface Waiter {
  /** false while the message is still being prepared: it holds its place but cannot start */
  armed: boolean;
  /** the queue was emptied (the account is closing) before this place was claimed */
  dropped?: Error;
  /** left the queue because its request started */
  started?: boolean;
  resolve?: (release: Release) => void;
  reject?: (err: Error) => void;
  signal?: CancelSignal;
  onAbort?: () => void;
}

/** A place in the queue, taken on arrival and claimed when the request is ready. */
export interface Reservation {
  claim(signal?: CancelSignal): Promise<Release>;
  /** gives the place up (the message failed before sending); harmless once claimed */
  cancel(): void;
}

/** How a request ended, for the window: throttled = 429; neutral = anything saying nothing about load. */
export type Outcome = 'ok' | 'throttled' | 'neutral';
export type Release = (outcome?: Outcome) => void;

function aborted(): TwilioNodeError {
  return new TwilioNodeError(t('errors.aborted'), ErrorCodes.closed);
}

/** The window after a 429, as a share of the window before it. */
const DECREASE = 0.8;

export class AccountLimiter {
  private active = 0;
  private readonly queue: Waiter[] = [];
  private readonly starts: number[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** the adaptive concurrency window, 1 … maxConcurrent (fractional while it grows) */
  private win: number;
  /** starts so far; a 429 from a request started before the last decrease does not halve again */
  private startCount = 0;
  private recoverAfter = 0;

  constructor(readonly maxConcurrent: number, readonly maxPerSecond = 0) {
    if (!(maxConcurrent >= 1)) this.maxConcurrent = 1;
    this.win = this.maxConcurrent;
  }

  /** how many requests may be in flight now */
  get window(): number {
    return Math.max(1, Math.floor(this.win));
  }

  get inFlight(): number {
    return this.active;
  }

  get queued(): number {
    return this.queue.length;
  }

  reserve(): Reservation {
    const waiter: Waiter = { armed: false };
    this.queue.push(waiter);
    let claimed = false;
    return {
      claim: (signal) => {
        claimed = true;
        return this.arm(waiter, signal);
      },
      cancel: () => {
        if (claimed) return;
        claimed = true;
        this.remove(waiter);
        this.pump();
      },
    };
  }

  /** Resolves with a release function once the request may start (joins the back of the queue). */
  acquire(signal?: CancelSignal): Promise<Release> {
    const waiter: Waiter = { armed: false };
    this.queue.push(waiter);
    return this.arm(waiter, signal);
  }

  private arm(waiter: Waiter, signal?: CancelSignal): Promise<Release> {
    if (waiter.dropped) return Promise.reject(waiter.dropped);
    if (signal && signal.aborted) {
      this.remove(waiter);
      this.pump();
      return Promise.reject(aborted());
    }
    return new Promise((resolve, reject) => {
      waiter.armed = true;
      waiter.resolve = resolve;
      waiter.reject = reject;
      this.pump();
      // Still queued: an abort takes it out. (One that started at once needs no listener.)
      if (signal && !waiter.started) {
        waiter.signal = signal;
        waiter.onAbort = () => {
          this.remove(waiter);
          reject(aborted());
          this.pump();
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
    });
  }

  private remove(waiter: Waiter): void {
    const i = this.queue.indexOf(waiter);
    if (i >= 0) this.queue.splice(i, 1);
  }

  private rateDelay(now: number): number {
    if (!this.maxPerSecond) return 0;
    while (this.starts.length && now - this.starts[0] >= 1000) this.starts.shift();
    return this.starts.length < this.maxPerSecond ? 0 : 1000 - (now - this.starts[0]);
  }

  private pump(): void {
    while (this.queue.length && this.queue[0].armed && this.active < this.window) {
      const now = Date.now();
      const wait = this.rateDelay(now);
      if (wait > 0) {
        if (!this.timer) {
          this.timer = setTimeout(() => { this.timer = undefined; this.pump(); }, wait);
        }
        return;
      }
      const waiter = this.queue.shift() as Waiter;
      waiter.started = true;
      if (waiter.signal && waiter.onAbort) waiter.signal.removeEventListener('abort', waiter.onAbort);
      this.active++;
      if (this.maxPerSecond) this.starts.push(now);
      const seq = ++this.startCount;
      let released = false;
      (waiter.resolve as (r: Release) => void)((outcome = 'neutral') => {
        if (released) return;
        released = true;
        this.active--;
        this.adapt(outcome, seq);
        this.pump();
      });
    }
  }

  /**
   * Additive increase: +1 per four windows' worth of successes (one per four round trips: with
   * several processes probing at once, the account's limit is crossed less often). Multiplicative
   * decrease: to 0.8 of the window on a 429, once per round trip — the 429s of requests that
   * started before the last decrease were caused by the old window. Halving and a faster climb
   * left the shared account's limit more unused for the same share of 429s (bench/run.js,
   * shared-account; docs/benchmarks.md).
   */
  private adapt(outcome: Outcome, seq: number): void {
    if (outcome === 'ok') {
      if (this.win < this.maxConcurrent) this.win = Math.min(this.maxConcurrent, this.win + 0.25 / this.win);
    } else if (outcome === 'throttled' && seq > this.recoverAfter) {
      this.win = Math.max(1, this.win * DECREASE);
      this.recoverAfter = this.startCount;
    }
  }

  /** Ends every queued request with an error (the account is going away). */
  rejectQueued(err: Error): void {
    for (const w of this.queue.splice(0)) {
      if (w.signal && w.onAbort) w.signal.removeEventListener('abort', w.onAbort);
      if (w.reject) w.reject(err);
      else w.dropped = err;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

// Retries (docs/architecture.md, "Retries"): 429 for every action, honouring Retry-After; 5xx, resets and timeouts
// only for actions that are safe to repeat (Get, Query, Delete). Capped exponential backoff
// with equal jitter, bounded by maxRetries and by the total time a message may wait.
import { ErrorCodes, TwilioNodeError } from '../common/errors';
import type { HttpResponse } from './transport';
import { t } from '../common/i18n';
import type { CancelSignal } from '../common/cancel';

export interface RetryPolicy {
  maxRetries: number;
  /** total ms a message may spend waiting between attempts */
  retryMaxWait: number;
  /** Get, Query, Delete: a repeat cannot do anything twice */
  idempotent: boolean;
}

export interface RetryHooks {
  /** called before each wait; status is the HTTP status or undefined for a transport error */
  onWait?: (info: { status?: number; seconds: number; attempt: number }) => void;
}

const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 20000;

/**
 * Equal jitter: half the capped exponential ceiling is fixed, the other half random, so the
 * wait lies in [ceiling/2, ceiling). Chosen over full jitter ([0, ceiling)) because a retry
 * after a 5xx or a reset should never come back at once: the floor gives the struggling
 * service the backoff's time, while the random half still spreads many messages apart.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
  return Math.floor(ceiling / 2 + (ceiling / 2) * random());
}

/**
 * The wait after a 429: Retry-After at least, and up to half again, at random. Every request a
 * burst got refused is told the same Retry-After; retried together, they would be one burst
 * again, and refused again (bench/run.js, shared-account).
 */
export function afterRetryAfter(retryAfter: number, random: () => number = Math.random): number {
  return Math.floor(retryAfter + (retryAfter / 2) * random());
}

/** Retry-After in seconds (Twilio sends seconds; an HTTP date is accepted too). */
export function retryAfterMs(header: string | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function sleep(ms: number, signal?: CancelSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal && signal.aborted) return reject(new TwilioNodeError(t('errors.aborted'), ErrorCodes.closed));
    const timer = setTimeout(() => {
      if (signal) signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new TwilioNodeError(t('errors.aborted'), ErrorCodes.closed));
    };
    if (signal) signal.addEventListener('abort', onAbort, { once: true });
  });
}

function isTransient(err: unknown): boolean {
  return err instanceof TwilioNodeError && (err.code === ErrorCodes.transport || err.code === ErrorCodes.timeout);
}

/**
 * Whether a failed attempt may have been carried out by Twilio: a 5xx (Twilio received it),
 * a reset or a timeout after sending. A 429 means Twilio did nothing; a refused connection
 * never reached it.
 */
function mayHaveRun(response: HttpResponse | undefined, failure: unknown): boolean {
  if (response) return response.status >= 500;
  if (!isTransient(failure)) return false;
  const low = (failure as { transportCode?: string }).transportCode;
  return low !== 'ECONNREFUSED' && low !== 'ENOTFOUND';
}

export interface RetryResult {
  response: HttpResponse;
  retries: number;
  /** an earlier attempt may have been carried out (docs/reliability.md): only then may a Delete's 404 mean "already gone" */
  earlierMayHaveRun: boolean;
  /** why a retryable answer was not retried again: out of attempts, or the wait exceeds the budget */
  gaveUp?: { reason: 'retries' | 'budget'; waitSeconds: number };
}

export async function sendWithRetries(
  send: () => Promise<HttpResponse>, policy: RetryPolicy, signal?: CancelSignal, hooks: RetryHooks = {},
): Promise<RetryResult> {
  let waited = 0;
  let earlierMayHaveRun = false;
  for (let attempt = 0; ; attempt++) {
    let response: HttpResponse | undefined;
    let failure: unknown;
    try {
      response = await send();
    } catch (err) {
      failure = err;
    }
    const retryable = response
      ? response.status === 429 || (policy.idempotent && response.status >= 500)
      : policy.idempotent && isTransient(failure);
    let delay = 0;
    let hinted: number | undefined;
    if (retryable && attempt < policy.maxRetries) {
      hinted = response && response.status === 429 ? retryAfterMs(response.headers['retry-after']) : undefined;
      // The random part never pushes a Retry-After that fits the budget over it.
      delay = hinted !== undefined ? Math.min(afterRetryAfter(hinted), Math.max(hinted, policy.retryMaxWait - waited)) : backoffDelay(attempt);
    }
    if (!retryable || attempt >= policy.maxRetries || waited + delay > policy.retryMaxWait) {
      if (!response) throw failure;
      if (!retryable) return { response, retries: attempt, earlierMayHaveRun };
      const reason = attempt >= policy.maxRetries ? 'retries' : 'budget';
      return { response, retries: attempt, earlierMayHaveRun, gaveUp: { reason, waitSeconds: Math.ceil((hinted ?? delay) / 1000) } };
    }
    if (mayHaveRun(response, failure)) earlierMayHaveRun = true;
    if (hooks.onWait) hooks.onWait({ status: response && response.status, seconds: Math.ceil((hinted ?? delay) / 1000), attempt });
    await sleep(delay, signal);
    waited += delay;
  }
}

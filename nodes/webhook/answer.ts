// One pending webhook request: the flow answers through msg.res (a core http response node
// or twilio-twiml → http response); if it does not within the timeout, or the node closes,
// the node answers empty TwiML itself and any later answer from the flow is dropped with one
// warning. A 2xx answer by the flow is captured for the idempotency cache.
import type { ServerResponse } from 'http';
import type { RememberedAnswer } from './idempotency';

export const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';
export const ANSWER_TIMEOUT_MS = 12000;
const CAPTURE_LIMIT = 64 * 1024;

/* eslint-disable @typescript-eslint/no-explicit-any */
type Res = ServerResponse & Record<string, any>;

/** Methods of express's response a flow may call to answer. */
const ANSWERING = new Set(['status', 'set', 'header', 'type', 'send', 'json', 'jsonp', 'end', 'write', 'sendStatus', 'cookie', 'redirect', 'append', 'location', 'writeHead', 'setHeader', 'sendFile']);

export interface PendingHooks {
  /** the node answered (timeout or close) */
  onNodeAnswered(why: 'timeout' | 'close'): void;
  /** the flow tried to answer after the node had */
  onLateAnswer(): void;
  /** the flow's answer is complete */
  onFlowAnswered(answer: RememberedAnswer): void;
}

export class PendingAnswer {
  /** what msg.res._res is: the response, guarded */
  readonly guarded: Res;
  private answeredByNode = false;
  private warnedLate = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly chunks: Buffer[] = [];
  private captured = 0;

  constructor(private readonly res: Res, private readonly hooks: PendingHooks, timeoutMs: number) {
    this.capture();
    this.guarded = new Proxy(res, {
      get: (target, prop, _receiver) => {
        if (this.answeredByNode && typeof prop === 'string' && ANSWERING.has(prop)) return this.late();
        const v = Reflect.get(target, prop, target);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
    this.timer = setTimeout(() => this.answerEmpty('timeout'), timeoutMs);
    res.on('close', () => this.clearTimer());
  }

  get done(): boolean {
    return this.res.headersSent || this.res.writableEnded;
  }

  /** Empty TwiML, unless the flow already started answering. */
  answerEmpty(why: 'timeout' | 'close'): void {
    this.clearTimer();
    if (this.done) return;
    this.answeredByNode = true;
    this.res.statusCode = 200;
    this.res.setHeader('Content-Type', 'text/xml; charset=utf-8');
    this.res.end(EMPTY_TWIML);
    this.hooks.onNodeAnswered(why);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private late(): (...args: unknown[]) => unknown {
    return () => {
      if (!this.warnedLate) {
        this.warnedLate = true;
        this.hooks.onLateAnswer();
      }
      return this.guarded;
    };
  }

  /** Keeps a copy of what the flow writes (bounded) and reports the finished answer. */
  private capture(): void {
    const res = this.res;
    const write = res.write.bind(res);
    const end = res.end.bind(res);
    const keep = (chunk: unknown, encoding?: unknown) => {
      if (chunk == null || typeof chunk === 'function') return;
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk), typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
      if (this.captured + buf.length <= CAPTURE_LIMIT) this.chunks.push(buf);
      this.captured += buf.length;
    };
    res.write = ((chunk: unknown, encoding?: unknown, cb?: unknown) => {
      keep(chunk, encoding);
      return write(chunk as any, encoding as any, cb as any);
    }) as any;
    res.end = ((chunk?: unknown, encoding?: unknown, cb?: unknown) => {
      keep(chunk, encoding);
      return end(chunk as any, encoding as any, cb as any);
    }) as any;
    res.on('finish', () => {
      this.clearTimer();
      if (this.answeredByNode || this.captured > CAPTURE_LIMIT) return;
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.getHeaders())) {
        if (v !== undefined && !/^(content-length|date|connection|etag|keep-alive|transfer-encoding)$/i.test(k)) headers[k] = String(v);
      }
      this.hooks.onFlowAnswered({ status: res.statusCode, headers, body: Buffer.concat(this.chunks) });
    });
  }
}

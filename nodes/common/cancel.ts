// A message's "stop": its node is closing. Node's AbortController cost ~5–10 µs of CPU per
// message (an EventTarget, its listener bookkeeping), a sixth of a Get's own work outside the
// network (bench/run.js, get-vs-handwritten); a message's work needs only a flag and a few
// listeners. An AbortSignal has the same shape, so the limiter, retries and transport take either.

export interface CancelSignal {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

export class Cancel implements CancelSignal {
  aborted = false;
  private listeners: Array<() => void> = [];
  private controller: AbortController | undefined;

  /** As AbortSignal: a listener added after the abort is never called; each is called once. */
  addEventListener(_type: 'abort', listener: () => void): void {
    if (!this.aborted) this.listeners.push(listener);
  }

  removeEventListener(_type: 'abort', listener: () => void): void {
    const i = this.listeners.indexOf(listener);
    if (i >= 0) this.listeners.splice(i, 1);
  }

  /** Calls every listener once; later calls do nothing. */
  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    const listeners = this.listeners;
    this.listeners = [];
    for (const listener of listeners) listener();
    if (this.controller) this.controller.abort();
  }

  /** A real AbortSignal that follows this one, for APIs that need one (http.request), made on first use. */
  toAbortSignal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.aborted) this.controller.abort();
    }
    return this.controller.signal;
  }
}

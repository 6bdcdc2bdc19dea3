// Faults a test can inject: they match requests by method, path substring or
// operationId and count down `times` as they fire.

export interface Fault {
  when: 'before' | 'after';
  /** drip: the answer (after processing) written one byte every `ms` */
  kind: 'latency' | '429' | '500' | '503' | 'reset' | 'hang' | 'drip';
  match?: { method?: string; path?: string; operationId?: string };
  /** latency in ms; for drip, ms between bytes */
  ms?: number;
  /** seconds, for 429 */
  retryAfter?: number;
  /** default 1; Infinity allowed */
  times?: number;
}

interface ArmedFault {
  fault: Fault;
  remaining: number;
}

const KINDS = new Set(['latency', '429', '500', '503', 'reset', 'hang', 'drip']);

export function checkFault(f: unknown): Fault {
  const x = f as Fault;
  if (!x || typeof x !== 'object') throw new Error('fault must be an object');
  if (x.when !== 'before' && x.when !== 'after') throw new Error("fault.when must be 'before' or 'after'");
  if (!KINDS.has(String(x.kind))) throw new Error(`fault.kind must be one of ${[...KINDS].join(', ')}`);
  if ((x.kind === 'latency' || x.kind === 'drip') && !(typeof x.ms === 'number' && x.ms >= 0)) throw new Error(`${x.kind} fault needs ms ≥ 0`);
  // JSON cannot carry Infinity: null or a negative count over HTTP means "forever".
  const times = x.times === undefined ? 1 : x.times === null || (typeof x.times === 'number' && x.times < 0) ? Infinity : x.times;
  if (!(typeof times === 'number' && times > 0)) throw new Error('fault.times must be a positive number');
  return { ...x, kind: String(x.kind) as Fault['kind'], times };
}

export class FaultList {
  private armed: ArmedFault[] = [];

  add(f: Fault): void {
    const checked = checkFault(f);
    this.armed.push({ fault: checked, remaining: checked.times ?? 1 });
  }

  clear(): void {
    this.armed = [];
  }

  list(): Fault[] {
    return this.armed.map((a) => ({ ...a.fault, times: a.remaining }));
  }

  /** The first armed fault for this request and phase; counts it down. */
  take(when: Fault['when'], req: { method: string; path: string; operationId?: string }): Fault | undefined {
    const i = this.armed.findIndex((a) => a.fault.when === when && matches(a.fault, req));
    if (i < 0) return undefined;
    const a = this.armed[i];
    a.remaining--;
    if (a.remaining <= 0) this.armed.splice(i, 1);
    return a.fault;
  }
}

function matches(f: Fault, req: { method: string; path: string; operationId?: string }): boolean {
  const m = f.match;
  if (!m) return true;
  if (m.method && m.method.toUpperCase() !== req.method.toUpperCase()) return false;
  if (m.path && !req.path.includes(m.path)) return false;
  if (m.operationId && m.operationId !== req.operationId) return false;
  return true;
}

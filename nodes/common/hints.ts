// Helpers for error texts: close matches for a mistyped name, a readable operation label,
// and a short display of a user's value.
import type { Operation } from '../catalog/types';

/** Optimal string alignment distance: Levenshtein plus adjacent swaps ("Stauts" → "Status" is 1). */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  if (m === 0) return n;
  if (n === 0) return m;
  let prev2: number[] = [];
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur.push(d);
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[n];
}

/** No Twilio parameter, filter or element name is longer: longer names get no suggestions. */
export const MAX_NAME_LENGTH = 64;
/** The most characters of a user's input an error text quotes. */
export const MAX_QUOTED_INPUT = 100;

/**
 * A user's text as an error quotes it: at most MAX_QUOTED_INPUT characters, then `…` and the
 * full length, so a text's size never drives the size (or the cost) of an error.
 */
export function userText(value: unknown, max = MAX_QUOTED_INPUT): string {
  const s = String(value);
  return s.length > max ? `${s.slice(0, max)}… (${s.length} characters)` : s;
}

/**
 * Candidates close to `name`, best first: a case-only difference first, then names within
 * a third of the length in edits (at least 1, compared case-insensitively), then names
 * that contain it or that it contains (`Date` → `DateSent`). At most `max`.
 */
export function closeMatches(name: string, candidates: readonly string[], max = 3): string[] {
  // the edit distance costs length × length: a name no real one is near gets no search
  if (name.length > MAX_NAME_LENGTH) return [];
  const lower = name.toLowerCase();
  const limit = Math.max(1, Math.floor(name.length / 3));
  const scored: Array<{ c: string; score: number }> = [];
  for (const c of candidates) {
    if (c === name) continue;
    const cl = c.toLowerCase();
    let score: number;
    if (cl === lower) score = 0;
    else {
      const d = editDistance(lower, cl);
      if (d <= limit) score = d;
      else if (lower.length >= 3 && (cl.includes(lower) || lower.includes(cl))) score = limit + 1;
      else continue;
    }
    scored.push({ c, score });
  }
  scored.sort((x, y) => x.score - y.score);
  return scored.slice(0, max).map((s) => s.c);
}

/** true when the only close match differs from `name` by letter case alone */
export function isCaseOnly(name: string, match: string): boolean {
  return name !== match && name.toLowerCase() === match.toLowerCase();
}

const VERBS: Record<string, string> = { List: 'Query', Fetch: 'Get', Create: 'Create', Update: 'Update', Delete: 'Delete' };

/** `CreateCall` → `Create Call`, `ListMessage` → `Query Message`: the words the nodes use. */
export function operationLabel(op: Pick<Operation, 'operationId'>): string {
  const m = /^(List|Fetch|Create|Update|Delete)(.*)$/.exec(op.operationId);
  if (!m) return op.operationId;
  const noun = m[2].replace(/([a-z0-9])([A-Z])/g, '$1 $2');
  return `${VERBS[m[1]]} ${noun}`;
}

/** `"Stauts"` (strings quoted), `42`, `true`, `an object`, shortened to stay readable. */
export function showValue(value: unknown, maxLength = 60): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') {
    const s = value.length > maxLength ? value.slice(0, maxLength) + '…' : value;
    return JSON.stringify(s);
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return isNaN(value.getTime()) ? 'an invalid Date' : `Date ${value.toISOString()}`;
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (Buffer.isBuffer(value)) return `a Buffer of ${value.length} bytes`;
  return `${typeof value === 'object' ? 'an object' : 'a ' + typeof value}`;
}

/** `"A", "B" or "C"` */
export function quoteList(names: readonly string[], joiner = 'or'): string {
  const q = names.map((n) => `"${n}"`);
  if (q.length <= 1) return q.join('');
  return `${q.slice(0, -1).join(', ')} ${joiner} ${q[q.length - 1]}`;
}

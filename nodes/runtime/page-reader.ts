// A query page read from its bytes. A page of 1,000 Messages is ~1.2 MB of JSON: parsed whole,
// its text lands in V8's large-object space and all 1,000 records live until the last one is
// emitted, so they outlive young-generation collections and are promoted — in a small heap
// (--max-old-space-size=96) a mark-compact every few pages, and one long JSON.parse per page
// (docs/benchmarks.md, query-small-heap and event-loop-stall). Here the page's own members
// (page, uri, next_page_uri, meta …) are parsed one by one, and each record only when it is
// emitted, from its slice of the bytes.
//
// The scanner finds where values end — strings (with escapes), and objects and arrays by
// depth — without checking what is inside; JSON.parse of each slice does that. UTF-8 is safe to
// cut at the ASCII bytes it looks for: no byte of a multi-byte character is below 0x80.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

type Bytes = Uint8Array & { toString(encoding: 'utf8', start: number, end: number): string };

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function skipSpace(b: Bytes, i: number, end: number): number {
  while (i < end && isSpace(b[i])) i++;
  return i;
}

/** The end (exclusive) of the string starting at `i`, or -1. */
function stringEnd(b: Bytes, i: number, end: number): number {
  for (let j = i + 1; j < end; j++) {
    const c = b[j];
    if (c === BACKSLASH) j++;
    else if (c === QUOTE) return j + 1;
  }
  return -1;
}

/** The end (exclusive) of the value starting at `i`, or -1. */
function valueEnd(b: Bytes, i: number, end: number): number {
  const first = b[i];
  if (first === QUOTE) return stringEnd(b, i, end);
  if (first === OPEN_OBJECT || first === OPEN_ARRAY) {
    let depth = 0;
    for (let j = i; j < end; j++) {
      const c = b[j];
      if (c === QUOTE) {
        j = stringEnd(b, j, end) - 1;
        if (j < 0) return -1;
      } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        depth++;
      } else if ((c === CLOSE_OBJECT || c === CLOSE_ARRAY) && --depth === 0) {
        return j + 1;
      }
    }
    return -1;
  }
  // a number, true, false or null: up to the next delimiter
  let j = i;
  while (j < end && b[j] !== COMMA && b[j] !== CLOSE_OBJECT && b[j] !== CLOSE_ARRAY && !isSpace(b[j])) j++;
  return j > i ? j : -1;
}

/**
 * The members of the object or array starting at `i`: for an object each member is
 * [keyStart, keyEnd, valueStart, valueEnd], for an array [valueStart, valueEnd]. An object's
 * array values are scanned for their elements in the same pass, into `arrays` by key. undefined
 * when the text is not shaped so.
 */
function scan(b: Bytes, i: number, end: number, keyed: boolean, arrays?: Map<string, number[]>): { items: number[]; stop: number } | undefined {
  const close = keyed ? CLOSE_OBJECT : CLOSE_ARRAY;
  if (b[i] !== (keyed ? OPEN_OBJECT : OPEN_ARRAY)) return undefined;
  i = skipSpace(b, i + 1, end);
  const items: number[] = [];
  if (b[i] === close) return { items, stop: i + 1 };
  for (;;) {
    let key: string | undefined;
    if (keyed) {
      if (b[i] !== QUOTE) return undefined;
      const keyEnd = stringEnd(b, i, end);
      if (keyEnd < 0) return undefined;
      items.push(i, keyEnd);
      if (arrays) key = JSON.parse(b.toString('utf8', i, keyEnd)) as string;
      i = skipSpace(b, keyEnd, end);
      if (b[i] !== COLON) return undefined;
      i = skipSpace(b, i + 1, end);
    }
    let valueStop: number;
    if (key !== undefined && arrays && b[i] === OPEN_ARRAY) {
      const inner = scan(b, i, end, false);
      if (!inner) return undefined;
      arrays.set(key, inner.items);
      valueStop = inner.stop;
    } else {
      valueStop = valueEnd(b, i, end);
      if (valueStop < 0) return undefined;
    }
    items.push(i, valueStop);
    i = skipSpace(b, valueStop, end);
    if (b[i] === COMMA) i = skipSpace(b, i + 1, end);
    else if (b[i] === close) return { items, stop: i + 1 };
    else return undefined;
  }
}

/**
 * A page's members and its records, each parsed when asked for (from bytes here; query-paging
 * wraps an already parsed page in the same shape). `record(i)` throws SyntaxError when it is not JSON.
 */
export interface PageRecords {
  /** the page's members but its records, parsed */
  attrs: Record<string, unknown>;
  /** the member holding the records, as `keyOf` chose it */
  key: string;
  count: number;
  /** every record is a JSON object (its text starts with `{`) */
  allObjects: boolean;
  record(i: number): unknown;
}

/**
 * Reads a page's members from its bytes; `keyOf(attrs, arrays)` names the member holding the
 * records once the others are known (v2010: the catalog's key; products: meta.key). undefined
 * when the bytes are not a JSON object or that member is not an array.
 */
export function readPageBytes(b: Bytes, keyOf: (attrs: Record<string, unknown>, arrays: Set<string>) => string): PageRecords | undefined {
  const arrays = new Map<string, number[]>();
  const first = skipSpace(b, 0, b.length);
  const top = scan(b, first, b.length, true, arrays);
  if (!top || skipSpace(b, top.stop, b.length) !== b.length) return undefined;
  const attrs: Record<string, unknown> = {};
  // JSON.parse's own semantics: a repeated key's last value wins; `__proto__` is a plain member.
  const set = (key: string, value: unknown) => Object.defineProperty(attrs, key, { value, enumerable: true, writable: true, configurable: true });
  const arrayAt = new Map<string, [number, number]>();
  for (let m = 0; m < top.items.length; m += 4) {
    const key = JSON.parse(b.toString('utf8', top.items[m], top.items[m + 1])) as string;
    const [s, e] = [top.items[m + 2], top.items[m + 3]];
    if (b[s] === OPEN_ARRAY) {
      arrayAt.set(key, [s, e]);
      delete attrs[key];
    } else {
      arrayAt.delete(key);
      set(key, JSON.parse(b.toString('utf8', s, e)));
    }
  }
  const key = keyOf(attrs, new Set(arrayAt.keys()));
  for (const [name, [s, e]] of arrayAt) if (name !== key) set(name, JSON.parse(b.toString('utf8', s, e)));
  // A repeated key: the elements scanned last are the last value's.
  const elements = arrayAt.has(key) ? arrays.get(key) : undefined;
  if (!elements) return undefined;
  let allObjects = true;
  for (let m = 0; m < elements.length && allObjects; m += 2) allObjects = b[elements[m]] === OPEN_OBJECT;
  return { attrs, key, count: elements.length / 2, allObjects, record: batchedRecords(b, elements) };
}

/** Records parsed a batch at a time: one JSON.parse of 100 records costs far less than 100. */
const BATCH = 100;

function batchedRecords(b: Bytes, elements: number[]): (i: number) => unknown {
  const count = elements.length / 2;
  const one = (i: number) => JSON.parse(b.toString('utf8', elements[2 * i], elements[2 * i + 1]));
  let from = -1;
  let batch: unknown[] = [];
  return (i) => {
    if (i < from || i >= from + batch.length) {
      from = i;
      const to = Math.min(count, i + BATCH) - 1;
      try {
        // The bytes between two elements are a comma and whitespace: the slice is an array's inside.
        batch = JSON.parse(`[${b.toString('utf8', elements[2 * i], elements[2 * to + 1])}]`);
      } catch {
        // One of them is not JSON: each is parsed alone, so those before it still go out.
        batch = [];
        for (let k = i; k <= to; k++) {
          try {
            batch.push(one(k));
          } catch {
            break;
          }
        }
        if (!batch.length) return one(i);
      }
    }
    return batch[i - from];
  };
}

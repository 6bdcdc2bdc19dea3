// An answer's body read as bytes, up to a cap: a query page (runtime/page-reader.ts reads it)
// and media content (content-fetch.ts). A query reads its pages into buffers it reuses.

/** The smallest buffer lent out: an answer without a Content-Length starts here and doubles. */
const FIRST_SIZE = 64 * 1024;

/** A new buffer has a quarter more room than asked: the next page is rarely exactly as long. */
function withRoom(size: number): number {
  return Math.max(FIRST_SIZE, Math.ceil((size * 1.25) / FIRST_SIZE) * FIRST_SIZE);
}

/** A query holds at most this many pages at once: one being emitted, the next arriving. */
const PAGES_HELD = 2;

/**
 * Buffers one query reuses for its pages. A page read into a fresh buffer is ~1 MB of
 * ArrayBuffer, which V8 counts as external memory against the old generation's limit: at a
 * page every ~10 ms that started a mark-compact every few pages in a small heap
 * (--max-old-space-size=96), and bounded a large query's speed in any heap (docs/benchmarks.md,
 * query-small-heap). It keeps PAGES_HELD spare buffers at most, whatever its length.
 */
export class ReusableBuffers {
  private readonly spare: ArrayBuffer[] = [];
  private readonly lent = new WeakSet<ArrayBufferLike>();

  /** A buffer of at least `size` bytes: a spare one when one is large enough. */
  take(size: number): Buffer {
    const i = this.spare.findIndex((ab) => ab.byteLength >= size);
    const buf = i >= 0 ? Buffer.from(this.spare.splice(i, 1)[0]) : Buffer.allocUnsafeSlow(withRoom(size));
    this.lent.add(buf.buffer);
    return buf;
  }

  /**
   * Takes back the buffer under `bytes` (a body read into one of ours); what was read into it
   * must not be used afterwards. Anything else is ignored.
   */
  give(bytes: Buffer): void {
    const ab = bytes.buffer;
    if (!this.lent.has(ab)) return;
    this.lent.delete(ab);
    this.spare.push(ab as ArrayBuffer);
    // keep the largest: the next page is most likely as large as the last
    this.spare.sort((a, b) => b.byteLength - a.byteLength);
    if (this.spare.length > PAGES_HELD) this.spare.length = PAGES_HELD;
  }
}

export interface ReadLimits {
  /** the most bytes accepted */
  maxBytes: number;
  /** the error for an answer above maxBytes */
  tooLarge: () => Error;
  /** the answer's Content-Length, when it gave one: refused at once above maxBytes, else the first buffer's size */
  declared?: number;
  /** read into these instead of a buffer of its own */
  buffers?: ReusableBuffers;
}

/**
 * The whole body. Above the cap the stream is destroyed (its connection is not reused) and
 * `tooLarge()` thrown; a connection that closes early rejects with the stream's error.
 */
export async function readBody(body: AsyncIterable<Buffer> & { destroy(): void }, limits: ReadLimits): Promise<Buffer> {
  const { maxBytes, tooLarge, buffers } = limits;
  const declared = limits.declared !== undefined && Number.isFinite(limits.declared) ? limits.declared : 0;
  if (declared > maxBytes) {
    body.destroy();
    throw tooLarge();
  }
  let out = buffers ? buffers.take(declared) : undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  // Leaving the loop by a throw destroys the stream.
  for await (const chunk of body) {
    const end = size + chunk.length;
    if (end > maxBytes) throw tooLarge();
    if (buffers && out) {
      if (end > out.length) {
        const bigger = buffers.take(Math.max(end, 2 * out.length));
        out.copy(bigger, 0, 0, size);
        buffers.give(out);
        out = bigger;
      }
      chunk.copy(out, size);
    } else {
      chunks.push(chunk);
    }
    size = end;
  }
  return out ? out.subarray(0, size) : Buffer.concat(chunks, size);
}

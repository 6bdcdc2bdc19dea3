// An answer's body read as bytes (nodes/twilio/read-body.ts): the same bytes whatever the
// chunking, into a query's reused buffers or not; the cap refuses early and stops reading; a
// buffer given back is the next one lent.
const assert = require('assert');
const { Readable } = require('stream');
const fc = require('fast-check');
const { readBody, ReusableBuffers } = require('../../../dist/nodes/twilio/read-body.js');

const tooLarge = () => Object.assign(new Error('too large'), { code: 'TOO_LARGE' });

/** A stream of `bytes` cut at `cuts`, counting what was read from it. */
function streamOf(bytes, cuts = []) {
  const chunks = [];
  let from = 0;
  for (const at of [...new Set(cuts)].filter((c) => c > 0 && c < bytes.length).sort((a, b) => a - b).concat(bytes.length)) {
    chunks.push(bytes.subarray(from, at));
    from = at;
  }
  const source = { pulled: 0 };
  const s = Readable.from((function* () {
    for (const c of chunks) {
      if (!c.length) continue;
      source.pulled += c.length;
      yield c;
    }
  })(), { objectMode: false });
  s.source = source;
  return s;
}

describe('read-body: an answer as bytes', function () {
  it('gives back exactly the bytes sent, however they are cut, with or without reused buffers', async function () {
    const buffers = new ReusableBuffers();
    await fc.assert(fc.asyncProperty(
      fc.uint8Array({ maxLength: 300000 }), fc.array(fc.nat(300000), { maxLength: 40 }), fc.boolean(), fc.boolean(),
      async (data, cuts, reuse, declare) => {
        const bytes = Buffer.from(data);
        const body = await readBody(streamOf(bytes, cuts), {
          maxBytes: 1e6, tooLarge, buffers: reuse ? buffers : undefined, declared: declare ? bytes.length : undefined,
        });
        assert.ok(body.equals(bytes));
        if (reuse) buffers.give(body);
      },
    ), { numRuns: 150 });
  });

  it('above the cap: refuses with tooLarge and stops reading; a declared length above it is refused before reading', async function () {
    const bytes = Buffer.alloc(100000, 7);
    const s = streamOf(bytes, [10000, 20000, 30000, 40000, 50000, 60000]);
    await assert.rejects(readBody(s, { maxBytes: 25000, tooLarge }), { code: 'TOO_LARGE' });
    assert.ok(s.destroyed, 'the stream is destroyed');
    assert.ok(s.source.pulled <= 40000, `read ${s.source.pulled} bytes of 100,000`);

    const declared = streamOf(bytes, [10000]);
    await assert.rejects(readBody(declared, { maxBytes: 25000, tooLarge, declared: 100000 }), { code: 'TOO_LARGE' });
    assert.ok(declared.destroyed);
    assert.strictEqual(declared.source.pulled, 0);

    // at the cap exactly: accepted
    const exact = await readBody(streamOf(bytes, [40000]), { maxBytes: 100000, tooLarge, buffers: new ReusableBuffers() });
    assert.strictEqual(exact.length, 100000);
  });

  it('a connection that breaks mid-body rejects with its error', async function () {
    const s = new Readable({ read() {} });
    s.push(Buffer.from('{"messages":['));
    setImmediate(() => s.destroy(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })));
    await assert.rejects(readBody(s, { maxBytes: 1e6, tooLarge, buffers: new ReusableBuffers() }), { code: 'ECONNRESET' });
  });

  it('a query\'s buffers: one given back is lent again, at most two are kept, foreign ones are ignored', async function () {
    const buffers = new ReusableBuffers();
    const page = (n, fill) => readBody(streamOf(Buffer.alloc(n, fill), [n >> 1]), { maxBytes: 1e7, tooLarge, buffers, declared: n });
    const a = await page(900000, 1);
    const b = await page(900000, 2);
    assert.notStrictEqual(a.buffer, b.buffer, 'two pages held at once have their own buffers');
    buffers.give(a);
    // the next page, a little longer than the first: still fits the buffer given back
    const c = await page(950000, 3);
    assert.strictEqual(c.buffer, a.buffer);
    assert.strictEqual(c.length, 950000);
    assert.ok(c.every((x) => x === 3));
    assert.ok(b.every((x) => x === 2), 'the page still held is untouched');

    buffers.give(b);
    buffers.give(b);
    buffers.give(Buffer.alloc(2e6));
    buffers.give(c);
    const lent = [buffers.take(1), buffers.take(1), buffers.take(1)].map((x) => x.buffer);
    assert.ok(lent.includes(b.buffer) && lent.includes(c.buffer), 'the two given back are lent again');
    assert.strictEqual(new Set(lent).size, 3, 'a buffer given twice is lent once; a foreign one never');
  });
});

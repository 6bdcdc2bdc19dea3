// A query page read from its bytes (nodes/runtime/page-reader.ts) must say exactly what
// JSON.parse of the whole text says: the same members, the same records, in order — for any
// JSON, any whitespace, any string content (escapes, quotes, brackets, multi-byte UTF-8) — and
// refuse what is not an object holding an array of records.
const assert = require('assert');
const fc = require('fast-check');
const { readPageBytes } = require('../../../dist/nodes/runtime/page-reader.js');

const byKey = (key) => () => key;
const recordsOf = (page) => Array.from({ length: page.count }, (_, i) => page.record(i));

/** JSON text of `value` with random whitespace between tokens (JSON.stringify's indent, or none). */
const texts = (value) => fc.constantFrom(0, 1, 2, '\t', ' \r\n').map((indent) => JSON.stringify(value, null, indent));

describe('page reader: a query page from its bytes', function () {
  it('reads any page as JSON.parse does: members and records', function () {
    const record = fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 });
    const page = fc.record({
      before: fc.dictionary(fc.string().filter((k) => k !== 'messages'), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
      records: fc.array(record, { maxLength: 12 }),
      after: fc.dictionary(fc.string().filter((k) => k !== 'messages'), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
    }).map(({ before, records, after }) => ({ ...before, messages: records, ...after }));
    fc.assert(fc.property(page.chain((p) => texts(p).map((text) => [p, text])), ([p, text]) => {
      const read = readPageBytes(Buffer.from(text), byKey('messages'));
      const parsed = JSON.parse(text);
      const { messages, ...rest } = parsed;
      assert.ok(read, text);
      assert.strictEqual(read.key, 'messages');
      assert.deepStrictEqual(read.attrs, rest);
      assert.deepStrictEqual(recordsOf(read), messages);
      assert.strictEqual(read.allObjects, true);
      void p;
    }), { numRuns: 400 });
  });

  it('strings that look like structure, escapes and multi-byte characters stay inside their records', function () {
    const tricky = ['"', '\\', '\\"', '}', ']', '{"a":[', 'next_page_uri', 'é', '日本', '😀', '\u0000', '\u2028'];
    const recs = tricky.map((s, i) => ({ sid: `SM${i}`, body: s, nested: { list: [s, { deep: s }] } }));
    const text = JSON.stringify({ uri: '/x?a="]"', messages: recs, next_page_uri: '/next' });
    const read = readPageBytes(Buffer.from(text), byKey('messages'));
    assert.deepStrictEqual(recordsOf(read), recs);
    assert.strictEqual(read.attrs.next_page_uri, '/next');
    assert.strictEqual(read.attrs.uri, '/x?a="]"');
  });

  it('a product page: the records key comes from meta, read after the members before it', function () {
    const text = JSON.stringify({ services: [{ sid: 'VA1' }, { sid: 'VA2' }], meta: { key: 'services', next_page_url: null }, other: [1, 2] });
    let seen;
    const read = readPageBytes(Buffer.from(text), (attrs, arrays) => {
      seen = { meta: attrs.meta, arrays: [...arrays].sort() };
      return attrs.meta.key;
    });
    assert.deepStrictEqual(seen, { meta: { key: 'services', next_page_url: null }, arrays: ['other', 'services'] });
    assert.deepStrictEqual(recordsOf(read), [{ sid: 'VA1' }, { sid: 'VA2' }]);
    assert.deepStrictEqual(read.attrs.other, [1, 2]);
  });

  it('a repeated key: the last value wins, as in JSON.parse; __proto__ is a plain member', function () {
    const text = '{"messages":[{"a":1}],"page":1,"messages":[{"b":2},{"c":3}],"page":2,"__proto__":{"x":1}}';
    const read = readPageBytes(Buffer.from(text), byKey('messages'));
    assert.deepStrictEqual(recordsOf(read), [{ b: 2 }, { c: 3 }]);
    assert.strictEqual(read.attrs.page, 2);
    assert.strictEqual(Object.getPrototypeOf(read.attrs), Object.prototype);
    assert.deepStrictEqual(Object.getOwnPropertyDescriptor(read.attrs, '__proto__').value, { x: 1 });
  });

  it('non-records in the list are flagged; a record that is not JSON throws when it is read', function () {
    const mixed = readPageBytes(Buffer.from('{"messages":[{"a":1},2,"x",null,[]]}'), byKey('messages'));
    assert.strictEqual(mixed.allObjects, false);
    const broken = readPageBytes(Buffer.from('{"messages":[{"a":1},{"b":tru}]}'), byKey('messages'));
    assert.deepStrictEqual(broken.record(0), { a: 1 });
    assert.throws(() => broken.record(1), SyntaxError);
  });

  it('refuses what is not an object with an array of records', function () {
    for (const text of ['', '[]', '"x"', 'null', '<html></html>', '{"messages":[{"a":1}', '{"messages":{}}', '{"other":[]}',
      '{"messages":[]} trailing', '{"messages" [] }', '{messages:[]}', '{"a":1,}x']) {
      assert.strictEqual(readPageBytes(Buffer.from(text), byKey('messages')), undefined, JSON.stringify(text));
    }
    assert.deepStrictEqual(recordsOf(readPageBytes(Buffer.from(' {"messages": [ ] } \n'), byKey('messages'))), []);
  });
});

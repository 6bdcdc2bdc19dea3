// Property tests (fast-check) for the parsers that read users' input: whatever comes in, the
// result is a value or the project's own error — never another exception, never a request path
// with an injected segment — and a request document cut short is always refused.
'use strict';
const assert = require('assert');
const fc = require('fast-check');
const { loadCatalog, findObject } = require('../../dist/nodes/catalog/catalog');
const { parseSidChain, buildPath } = require('../../dist/nodes/request/sid-chain');
const { parseRequestDocument } = require('../../dist/nodes/request/request-document');
const { parseDateInput } = require('../../dist/nodes/request/dates');

const RUNS = { numRuns: 400 };
const MIN = 0;
const MAX = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

function ownErrorOr(fn, codes) {
  try {
    return { value: fn() };
  } catch (err) {
    if (err.name !== 'TwilioNodeError') throw new Error(`not the project's error: ${err && err.stack}`, { cause: err });
    if (codes) assert.ok(codes.includes(err.code), `${err.code}: ${err.message}`);
    return { error: err };
  }
}

// Operations with several chain parts, with and without spec patterns.
const catalog = loadCatalog();
const OPS = [];
for (const obj of Object.values(catalog.objects)) {
  for (const op of Object.values(obj.actions)) {
    if (op.chain.length >= 2 || op.chain.some((p) => !p.pattern)) OPS.push([obj, op]);
  }
}
OPS.push([findObject('api.v2010.Calls'), findObject('api.v2010.Calls').actions.get]);

const hostile = fc.constantFrom('..', '.', '/', '%2F', '%2e%2e', '?', '#', ':', 'AC' + '0'.repeat(32), 'CA' + 'a'.repeat(32), ' ', '\u0000', 'label', '\\');
const part = fc.oneof(fc.string({ maxLength: 40 }), hostile, fc.array(hostile, { maxLength: 4 }).map((a) => a.join('')));
const chainText = fc.array(part, { maxLength: 6 }).map((parts) => parts.join(':'));

describe('reliability: property tests', function () {
  this.timeout(60000);

  it('Sid chains: a chain or INVALID_SID_CHAIN; a path never gains a segment', function () {
    fc.assert(fc.property(fc.constantFrom(...OPS), fc.oneof(chainText, fc.anything()), ([obj, op], value) => {
      const r = ownErrorOr(() => parseSidChain(obj, op, value), ['INVALID_SID_CHAIN']);
      if (r.error) return;
      const path = buildPath(op, r.value.accountSid || 'AC' + '0'.repeat(32), r.value.parts);
      const segments = path.split('/');
      assert.strictEqual(segments.length, op.path.split('/').length, path);
      for (const s of segments) assert.ok(s !== '..' && s !== '.', path);
      assert.ok(!/[?#]/.test(path), path);
    }), RUNS);
  });

  describe('XML request documents', function () {
    const name = fc.constantFrom('To', 'From', 'Body', 'MediaUrl', 'StatusCallback');
    const text = fc.string({ maxLength: 20 }).map((s) => s.replace(/[<>&\p{Cc}]/gu, 'x'));
    const doc = fc.array(fc.tuple(name, text), { minLength: 1, maxLength: 6 })
      .map((kids) => `<Message>${kids.map(([n, v]) => (v ? `<${n}>${v}</${n}>` : `<${n}/>`)).join('')}</Message>`);

    it('every prefix that ends before the root\'s end tag is refused', function () {
      fc.assert(fc.property(doc, (xml) => {
        assert.ok(ownErrorOr(() => parseRequestDocument(xml)).value, 'the whole document reads');
        const rootEnd = xml.lastIndexOf('</Message>') + '</Message>'.length;
        for (let i = 0; i < rootEnd; i++) {
          const r = ownErrorOr(() => parseRequestDocument(xml.slice(0, i)), ['INVALID_XML', 'INVALID_REQUEST']);
          if (i > 0) assert.ok(r.error, `prefix of ${i} accepted: ${xml.slice(0, i)}`);
        }
      }), { numRuns: 150 });
    });

    it('any text: an object or the project\'s error', function () {
      const xmlish = fc.array(fc.oneof(fc.constantFrom('<', '>', '</', '/>', '<Message>', '</Message>', '<To>', '</To>', '&amp;', '&', '<![CDATA[', ']]>', '<?xml version="1.0"?>', '<!--', '-->', ' nil="true"', '__proto__'), fc.string({ maxLength: 5 })), { maxLength: 30 }).map((a) => a.join(''));
      fc.assert(fc.property(fc.oneof(xmlish, fc.string()), (xml) => {
        const r = ownErrorOr(() => parseRequestDocument(xml));
        if (r.value) assert.strictEqual(typeof r.value, 'object');
      }), { numRuns: 2000 });
    });
  });

  it('dates: a Date within years 1970–9999 or INVALID_DATE', function () {
    const input = fc.oneof(
      fc.double(), fc.integer(), fc.date({ noInvalidDate: false }), fc.anything(),
      fc.string(), fc.stringMatching(/^[0-9]{1,30}$/), fc.stringMatching(/^-?[0-9]{4,6}-[0-9]{2}-[0-9]{2}( [0-9]{2}:[0-9]{2})?$/),
      fc.constantFrom('now', 'today', '-99999d', '+99999w', '1e20', '0', 'Mon, 17 Sep 2012 01:13:42 +0000', '9999-12-31T23:59:59Z', '10000-01-01'),
    );
    fc.assert(fc.property(input, (value) => {
      const r = ownErrorOr(() => parseDateInput(value), ['INVALID_DATE']);
      if (r.value) {
        assert.ok(r.value instanceof Date);
        const ms = r.value.getTime();
        assert.ok(ms >= MIN && ms <= MAX, `${String(value)} → ${ms}`);
      }
    }), { numRuns: 3000 });
  });
});

// The ten breaks of issue 9, one describe each, at the module that owns the rule. The bad-input
// battery (bad-input.spec.js) and the fault matrix replay them through Node-RED and the sandbox.
'use strict';
const assert = require('assert');
const { parseRequestDocument } = require('../../dist/nodes/request/request-document');
const { RecordShaper } = require('../../dist/nodes/response/record-shaper');
const { loadCatalog, findObject, indexEntry } = require('../../dist/nodes/catalog/catalog');
const { CREDENTIAL_FIELDS } = require('../../dist/scripts/catalog/products');

function throwsCode(fn, code, message) {
  assert.throws(fn, (err) => {
    assert.strictEqual(err.name, 'TwilioNodeError', `not the project's error: ${err.stack}`);
    assert.strictEqual(err.code, code, err.message);
    if (message) assert.match(err.message, message);
    return true;
  });
}

describe('reliability: the ten breaks', function () {
  describe('1. truncated XML is INVALID_XML', function () {
    const cases = [
      ['elements left open', '<Message><To>+15558675310</To><From>+15005550006</From><Body>Your code is 12'],
      ['the root left open', '<Message><To>+15558675310</To><Body>hi</Body>'],
      ['cut inside a closing tag', '<Message><To>+15558675310</To></Mess'],
      ['cut inside an opening tag', '<Message><To>+15558675310</To><Bo'],
      ['cut inside the root end tag of a wrapper', '<TwilioResponse><Message><To>1</To></Message></Twilio'],
    ];
    for (const [name, xml] of cases) {
      it(name, function () {
        throwsCode(() => parseRequestDocument(xml), 'INVALID_XML', /not closed|not well-formed/);
      });
    }
    it('a complete document still reads', function () {
      assert.deepStrictEqual(parseRequestDocument('<Message><To>1</To></Message>'), { To: '1' });
    });
  });

  describe('2. credential fields are redacted in every output', function () {
    const catalog = loadCatalog();
    const schema = catalog.schemas['api.v2010.account'];
    const token = 'f00dfeedf00dfeedf00dfeedf00dfeed';
    const raw = { sid: 'AC' + '1'.repeat(32), auth_token: token, friendly_name: 'x', date_created: 'Mon, 17 Sep 2012 01:13:42 +0000' };
    it('the generator table (by object, every product) marks the catalog fields, and nothing else', function () {
      const products = new Set();
      for (const [id, fields] of Object.entries(CREDENTIAL_FIELDS)) {
        const product = indexEntry(id).product;
        products.add(product);
        const own = loadCatalog(product);
        for (const op of Object.values(findObject(id).actions)) {
          if (!op || !op.response) continue;
          for (const f of fields) {
            const field = own.schemas[op.response].fields.find((x) => x.name === f);
            assert.strictEqual(field && field.credential, true, `${id} ${op.response}.${f}`);
          }
        }
      }
      const listed = new Set(Object.values(CREDENTIAL_FIELDS).flat());
      for (const product of products) {
        const marked = Object.values(loadCatalog(product).schemas).flatMap((sc) => sc.fields.filter((f) => f.credential));
        assert.ok(marked.every((f) => listed.has(f.name)), `${product}: only listed fields are marked`);
      }
    });
    for (const format of ['json', 'xml']) {
      for (const dates of ['rfc2822', 'iso']) {
        for (const fields of [[], ['auth_token', 'sid']]) {
          it(`${format}, ${dates}, fields ${fields.join(',') || 'all'}: record and list`, function () {
            const shaper = new RecordShaper(schema, { format, dates, fields });
            const outs = [shaper.payload(raw), shaper.list([raw, raw], 'accounts', {})];
            for (const out of outs) {
              const text = typeof out === 'string' ? out : JSON.stringify(out);
              assert.ok(!text.includes(token), text);
              assert.ok(text.includes('[redacted]'), text);
            }
            assert.strictEqual(raw.auth_token, token, 'the raw record is not changed');
          });
        }
      }
    }
    it('revealCredentials keeps the token', function () {
      const shaper = new RecordShaper(schema, { format: 'json', dates: 'rfc2822', fields: [], revealCredentials: true });
      assert.strictEqual(shaper.payload(raw).auth_token, token);
    });
    it('a key secret Twilio shows once is not a credential field', function () {
      const marked = Object.entries(catalog.schemas).filter(([, sc]) => sc.fields.some((f) => f.name === 'secret' && f.credential));
      assert.deepStrictEqual(marked, []);
    });
  });
});

'use strict';
// The conformance harness checks itself: for every catalog operation, a raw HTTP request built
// from the catalog alone (Sid chain from the spec's patterns, required parameters plus one
// member of each conditional group; for Queries every filter, with `X<`/`X>` for date filters)
// is accepted by Prism serving Twilio's spec and passes the ajv request validator; the
// answer validates against the spec's response schema. This proves the generated inputs
// before any node sends them, and that the validators catch what they should.
const assert = require('assert');
const http = require('http');
const S = require('./lib/spec');
const P = require('./lib/prism');
const G = require('../support/samples');

function send(baseUrl, method, pathAndQuery, body) {
  return new Promise((resolve, reject) => {
    const u = new URL(baseUrl + pathAndQuery);
    const headers = { authorization: 'Basic ' + Buffer.from(`${G.ACCOUNT_SID}:${G.AUTH_TOKEN}`).toString('base64'), accept: 'application/json' };
    if (body !== undefined) {
      headers['content-type'] = S.FORM;
      headers['content-length'] = Buffer.byteLength(body);
    }
    const req = http.request({ host: u.hostname, port: u.port, method, path: u.pathname + u.search, headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The raw request for an operation, from the catalog. */
function rawRequest(entry) {
  const path = G.samplePath(entry);
  if (entry.action === 'query') {
    return { path, query: G.encodeParams({ ...G.sampleFilters(entry), PageSize: 1 }) };
  }
  if (entry.op.method === 'POST') return { path, query: '', body: G.encodeParams(G.sampleParams(entry)) };
  return { path, query: '' };
}

describe('conformance harness: catalog-built raw requests against Prism and the validators', function () {
  this.timeout(120000);
  let prism;
  const validators = new S.SpecValidators();
  const entries = S.operations();

  before(async function () { prism = await P.startPrism(); });
  after(async function () { if (prism) await prism.stop(); });

  it('covers the 197 operations of the catalog', function () {
    assert.strictEqual(entries.length, 197);
  });

  for (const entry of entries) {
    it(`${entry.key}: ${entry.op.method} ${entry.op.path}`, async function () {
      const raw = rawRequest(entry);
      prism.clear();
      const res = await send(prism.url, entry.op.method, raw.path + (raw.query ? `?${raw.query}` : ''), raw.body);
      const captured = prism.requests[0];
      assert.ok(captured, 'the proxy captured the request');
      assert.strictEqual(res.status, entry.op.status, `Prism: ${P.prismRejection(captured)}`);
      assert.deepStrictEqual(validators.validateRequest(entry.op, captured), [], 'ajv request validation');
      const body = res.text ? JSON.parse(res.text) : undefined;
      assert.deepStrictEqual(validators.validateResponse(entry.op, res.status, body), [], 'response validates');
    });
  }

  describe('the validators reject what Twilio would', function () {
    const messages = entries.find((e) => e.key === 'api.v2010.Messages create');
    const messageList = entries.find((e) => e.key === 'api.v2010.Messages query');
    const calls = entries.find((e) => e.key === 'api.v2010.Calls query');
    const path = () => G.samplePath(messages);
    const check = (entry, raw) => validators.validateRequest(entry.op, { method: entry.op.method, ...raw });

    it('an unknown form parameter', function () {
      const errs = check(messages, { path: path(), body: 'To=%2B15005550006&From=%2B15005550006&Body=hi&Bogus=1' });
      assert.match(errs.join('\n'), /form Bogus: not a parameter/);
    });
    it('a missing required parameter and an unmet conditional group', function () {
      const errs = check(messages, { path: path(), body: 'From=%2B15005550006' });
      assert.match(errs.join('\n'), /form To: required/);
      assert.match(errs.join('\n'), /one of Body, MediaUrl, ContentSid is required/);
    });
    it('a bad Sid in the path, and a bad Sid value', function () {
      const errs = check(messages, { path: path().replace(/AC(a+)/, 'ACzz'), body: 'To=%2B15005550006&From=%2B15005550006&Body=hi&MessagingServiceSid=XX1' });
      assert.match(errs.join('\n'), /path AccountSid/);
      assert.match(errs.join('\n'), /form MessagingServiceSid=.*pattern/);
    });
    it('a repeated key the spec declares once; repeated keys of an array parameter pass', function () {
      assert.match(check(messages, { path: path(), body: 'To=%2B1&To=%2B2&Body=x&From=%2B1' }).join('\n'), /To: repeated 2 times/);
      assert.deepStrictEqual(check(messages, { path: path(), body: 'To=%2B1&From=%2B1&MediaUrl=https%3A%2F%2Fa.example%2F1&MediaUrl=https%3A%2F%2Fa.example%2F2' }), []);
    });
    it('`X<`/`X>` values in the wrong format (what Prism does not check)', function () {
      const q = 'DateSent%3C=2024-03-05+10%3A11%3A12&DateSent%3E=05%2F03%2F2024';
      const errs = check(messageList, { path: G.samplePath(messageList), query: q });
      assert.strictEqual(errs.length, 2, errs.join('\n'));
      assert.match(errs.join('\n'), /DateSent<.*date-time/);
      const okCalls = check(calls, { path: G.samplePath(calls), query: 'StartTime%3E=2024-03-05T00%3A00%3A00Z&PageSize=5' });
      assert.deepStrictEqual(okCalls, []);
    });
    it('integer, boolean and enum values', function () {
      const errs = check(calls, { path: G.samplePath(calls), query: 'PageSize=ten&Status=bogus' });
      assert.match(errs.join('\n'), /PageSize="ten": \/ must be integer/);
      assert.match(errs.join('\n'), /Status="bogus".*allowed values/);
    });
  });
});

'use strict';
// The sandbox against Twilio's OpenAPI description: for every catalog operation the sandbox
// is driven over plain HTTP (parents and records seeded as needed) and every response it
// gives validates against the spec's response schema for that operation and status
// (errors: Twilio's error JSON). Then a shared set of valid and invalid requests goes to
// both Prism and the sandbox: the sandbox rejects everything Prism rejects, and beyond that
// only what the conditional groups and documented Twilio error codes require.
const assert = require('assert');
const http = require('http');
const path = require('path');
const S = require('./lib/spec');
const P = require('./lib/prism');
const G = require('../support/samples');
const { checkExchange, specCheckedSandbox } = require('./lib/sandbox-check');
const KNOWN = require('./sandbox-known-failures.json');
const KNOWN_RESPONSES = KNOWN.responses;
const KNOWN_SHARED = KNOWN.sharedRequests;

const SANDBOX_TOKEN = 'conformance-sandbox-token';

function request(baseUrl, method, pathAndQuery, body, token = SANDBOX_TOKEN) {
  return new Promise((resolve, reject) => {
    const u = new URL(baseUrl + pathAndQuery);
    const headers = { authorization: 'Basic ' + Buffer.from(`${G.ACCOUNT_SID}:${token}`).toString('base64'), accept: 'application/json' };
    if (body !== undefined) {
      headers['content-type'] = S.FORM;
      headers['content-length'] = Buffer.byteLength(body);
    }
    const req = http.request({ host: u.hostname, port: u.port, method, path: u.pathname + u.search, headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json;
        try { json = text ? JSON.parse(text) : undefined; } catch (e) { json = undefined; }
        resolve({ status: res.statusCode, text, json, headers: res.headers, method, path: u.pathname });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

function assertValid(res) {
  const errors = checkExchange({ method: res.method, path: res.path, status: res.status, body: res.text });
  assert.deepStrictEqual(errors, [], `${errors.join('; ')} — body ${res.text.slice(0, 200)}`);
}

describe('conformance: the sandbox against Twilio\'s OpenAPI description', function () {
  this.timeout(30000);
  let sandbox;
  const entries = S.operations();
  const catalog = S.loadCatalog();

  before(async function () {
    const { startSandbox } = require(path.join(S.ROOT, 'dist', 'sandbox', 'server.js'));
    sandbox = await startSandbox({ port: 0, authToken: SANDBOX_TOKEN });
  });
  after(async function () { if (sandbox) await sandbox.close(); });
  beforeEach(function () { sandbox.reset(); });

  /** The parents for an operation's collection, and a seeded record's chain. */
  function seedFor(entry, count = 1, given = {}) {
    const instance = entry.action === 'get' || entry.action === 'update' || entry.action === 'delete';
    const chain = G.sampleChain(entry);
    const parents = instance ? chain.slice(0, -1) : chain;
    const identity = entry.op.response ? catalog.schemas[entry.op.response].identity : 'sid';
    const given1 = [];
    for (let i = 0; i < count; i++) given1.push({ ...given });
    if (instance && !entry.op.response) {
      // 204 Deletes: identity from a sibling action's schema
      const obj = catalog.objects[entry.object];
      const withSchema = Object.values(obj.actions).find((o) => o.response);
      const id = withSchema ? catalog.schemas[withSchema.response].identity : 'sid';
      const recs = sandbox.seed(G.ACCOUNT_SID, entry.object, given1, parents);
      return { parents, chain: [...parents, recs[0][id]], records: recs };
    }
    if (instance && entry.op.status >= 300 && entry.op.status < 400) {
      // A redirect (add-on payload Data) has no records of its own: it needs its parent record.
      const parentId = entry.object.slice(0, entry.object.lastIndexOf('.'));
      const parentSchema = catalog.schemas[catalog.objects[parentId].actions.get.response];
      const recs = sandbox.seed(G.ACCOUNT_SID, parentId, given1, parents);
      return { parents, chain: [...parents, recs[0][parentSchema.identity]], records: recs };
    }
    const recs = sandbox.seed(G.ACCOUNT_SID, entry.object, given1, parents);
    return { parents, chain: instance ? [...parents, recs[0][identity]] : parents, records: recs };
  }

  describe('every response of every operation validates against the spec', function () {
    for (const entry of entries) {
      const known = KNOWN_RESPONSES[entry.key];
      it(`${entry.key}${known ? ' (known sandbox bug)' : ''}`, async function () {
        if (!known) return driveOperation(entry);
        try {
          await driveOperation(entry);
        } catch (err) {
          return; // listed in sandbox-known-failures.json with the reason
        }
        throw new Error(`${entry.key} conforms now: remove it from test/conformance/sandbox-known-failures.json (responses)`);
      });
    }
  });

  async function driveOperation(entry) {
        const { op } = entry;
        if (entry.action === 'create') {
          const res = await request(sandbox.url, 'POST', G.samplePath(entry), G.encodeParams(G.sampleParams(entry)));
          assert.strictEqual(res.status, op.status, res.text);
          assertValid(res);
          return;
        }
        const seeded = seedFor(entry, entry.action === 'query' ? 3 : 1);
        const p = G.samplePath(entry, seeded.chain);
        if (entry.action === 'query') {
          const res = await request(sandbox.url, 'GET', `${p}?PageSize=2`);
          assert.strictEqual(res.status, 200, res.text);
          assertValid(res);
          assert.ok(res.json[op.recordKey].length >= 1, `seeded records are listed under ${op.recordKey}`);
          if (res.json.next_page_uri) {
            const next = await request(sandbox.url, 'GET', res.json.next_page_uri.replace(/^https?:\/\/[^/]+/, ''));
            assert.strictEqual(next.status, 200, next.text);
            assertValid(next);
          }
          return;
        }
        if (entry.action === 'get') {
          const res = await request(sandbox.url, 'GET', p);
          assert.strictEqual(res.status, op.status, res.text);
          assertValid(res);
          return;
        }
        if (entry.action === 'update') {
          const res = await request(sandbox.url, 'POST', p, G.encodeParams(G.sampleParams(entry)));
          assert.strictEqual(res.status, op.status, res.text);
          assertValid(res);
          return;
        }
        const res = await request(sandbox.url, 'DELETE', p);
        assert.strictEqual(res.status, 204, res.text);
        assertValid(res);
        const again = await request(sandbox.url, 'DELETE', p);
        assert.strictEqual(again.status, 404, again.text);
        assertValid(again);
  }

  describe('the real nodes against the sandbox, every response checked against the spec', function () {
    let helper;
    let checked;
    const DIST = path.join(S.ROOT, 'dist', 'nodes');
    const modules = () => ['twilio-account', 'twilio-get', 'twilio-query', 'twilio-create', 'twilio-update', 'twilio-delete']
      .map((n) => require(path.join(DIST, `${n}.js`)));
    before(async function () {
      helper = require('node-red-node-test-helper');
      helper.init(require.resolve('node-red'));
      await new Promise((resolve) => helper.startServer(resolve));
      checked = await specCheckedSandbox(sandbox);
    });
    after(async function () {
      if (checked) await checked.close();
      await new Promise((resolve) => helper.stopServer(resolve));
    });
    afterEach(function () { return helper.unload(); });

    for (const entry of entries) {
      it(`${entry.key}`, async function () {
        const seeded = entry.action === 'create' ? { chain: G.sampleChain(entry), records: [] } : seedFor(entry, entry.action === 'query' ? 3 : 1);
        const flow = [
          { id: 'acc', type: 'twilio-account', authType: 'token', baseUrl: checked.url, region: '', edge: '', timeout: 5000, maxRetries: 0, retryMaxWait: 0, maxConcurrent: 4, maxPerSecond: 0 },
          { id: 'node', type: `twilio-${entry.action}`, account: 'acc', object: entry.object, sid: seeded.chain.join(':'), sidType: 'str',
            request: 'payload', requestType: entry.action === 'create' || entry.action === 'update' ? 'msg' : 'none',
            format: 'json', dates: 'rfc2822', errorOutput: false, tracking: 'none', fields: [], filters: [], limit: 2, pageSize: 1,
            outputMode: 'array', params: [], wires: [['out']] },
          { id: 'out', type: 'helper' },
        ];
        await helper.load(modules(), flow, { acc: { accountSid: G.ACCOUNT_SID, authToken: SANDBOX_TOKEN } });
        const node = helper.getNode('node');
        const msg = await new Promise((resolve, reject) => {
          const t = setTimeout(() => reject(new Error('no output')), 8000);
          helper.getNode('out').on('input', (m) => { clearTimeout(t); resolve(m); });
          node.on('call:error', (call) => { clearTimeout(t); reject(new Error(`node error: ${call.args[0] && call.args[0].message}`)); });
          node.receive({ payload: entry.action === 'create' || entry.action === 'update' ? G.sampleParams(entry) : {} });
        });
        checked.assertConforms();
        assert.strictEqual(msg.twilio.statusCode, entry.op.status);
        if (entry.action === 'query') {
          // what the sandbox holds (seeding countries without a country_code stores one `US`)
          const all = await request(sandbox.url, 'GET', `${G.samplePath(entry, seeded.chain)}?PageSize=1000`);
          const held = all.json[entry.op.recordKey];
          assert.strictEqual(msg.payload.length, Math.min(2, held.length), 'limit 2 over pages of 1');
          assert.deepStrictEqual(msg.payload, held.slice(0, msg.payload.length), 'the records, in the sandbox\'s order');
        } else if (entry.op.response && entry.op.status < 300 && entry.action !== 'create') {
          const identity = catalog.schemas[entry.op.response].identity;
          assert.strictEqual(msg.payload[identity], seeded.chain[seeded.chain.length - 1] || seeded.records[0][identity]);
        }
      });
    }
  });

  describe('a shared set of requests: Prism and the sandbox agree', function () {
    let prism;
    before(async function () { this.timeout(90000); prism = await P.startPrism(); });
    after(async function () { if (prism) await prism.stop(); });

    /** A valid request for the operation, addressing a seeded record: {method, path, query, body}. */
    function validRequest(entry) {
      const seeded = seedFor(entry, entry.action === 'query' ? 1 : 1);
      const p = G.samplePath(entry, seeded.chain);
      if (entry.action === 'query') return { method: 'GET', path: p, query: { ...G.sampleFilters(entry), PageSize: 5 } };
      if (entry.op.method === 'POST') return { method: 'POST', path: p, body: G.sampleParams(entry) };
      return { method: entry.op.method, path: p };
    }
    async function both(req) {
      const qs = req.query ? `?${G.encodeParams(req.query)}` : '';
      const body = req.body ? G.encodeParams(req.body) : undefined;
      const [fromPrism, fromSandbox] = await Promise.all([
        request(prism.url, req.method, req.path + qs, body),
        request(sandbox.url, req.method, req.path + qs, body),
      ]);
      return { prism: fromPrism, sandbox: fromSandbox };
    }
    const describeRes = (r) => `${r.status} ${r.text.slice(0, 200)}`;

    /** Invalid variants of a valid request, each one Prism rejects: [{name, req}]. */
    function invalidVariants(entry, valid) {
      const out = [];
      const { op } = entry;
      const patterned = op.chain.map((c, i) => ({ c, i })).filter(({ c }) => c.pattern);
      if (patterned.length) {
        const { c, i } = patterned[patterned.length - 1];
        const parts = valid.path.split('/');
        const value = G.samplePath(entry).split('/');
        // replace the path segment holding this chain part with a Sid of the wrong shape
        const idx = parts.findIndex((seg, k) => k > 3 && seg.replace(/\.json$/, '') !== value[k].replace(/\.json$/, '') ) ;
        void idx;
        const sidSeg = op.path.split('/').findIndex((seg) => seg.replace(/\.json$/, '') === `{${c.name}}`);
        const bad = parts.slice();
        bad[sidSeg] = bad[sidSeg].endsWith('.json') ? 'XY123.json' : 'XY123';
        out.push({ name: `malformed ${c.name} in the path`, req: { ...valid, path: bad.join('/') } });
        void i;
      }
      if (entry.action === 'query') {
        out.push({ name: 'PageSize 1001', req: { ...valid, query: { ...valid.query, PageSize: 1001 } } });
        const f = (op.filters || []).find((x) => x.enum);
        if (f) out.push({ name: `${f.name} not in its enum`, req: { ...valid, query: { ...valid.query, [f.name]: 'not-a-value' } } });
        const d = (op.filters || []).find((x) => x.format === 'date-time' || x.format === 'date');
        if (d) out.push({ name: `${d.name} not a ${d.format}`, req: { ...valid, query: { ...valid.query, [d.name]: 'March 5th' } } });
        const n = (op.filters || []).find((x) => x.type === 'integer' || x.type === 'boolean');
        if (n) out.push({ name: `${n.name} not a ${n.type}`, req: { ...valid, query: { ...valid.query, [n.name]: 'maybe' } } });
      }
      if (valid.body) {
        const req = (op.params || []).find((x) => x.required);
        if (req) {
          const body = { ...valid.body };
          delete body[req.name];
          // Prism does not validate an empty form body at all: keep one optional parameter.
          const optional = (op.params || []).find((x) => !x.required && !x.array);
          if (!Object.keys(body).length && optional) body[optional.name] = G.sampleValue(optional);
          out.push({ name: `required ${req.name} missing`, req: { ...valid, body } });
        }
        const e = (op.params || []).find((x) => x.enum && !x.array);
        if (e) out.push({ name: `${e.name} not in its enum`, req: { ...valid, body: { ...valid.body, [e.name]: 'not-a-value' } } });
        const n = (op.params || []).find((x) => (x.type === 'integer' || x.type === 'boolean') && !x.array);
        if (n) out.push({ name: `${n.name} not a ${n.type}`, req: { ...valid, body: { ...valid.body, [n.name]: 'maybe' } } });
        const u = (op.params || []).find((x) => x.format === 'uri' && !x.array);
        void u; // Prism does not check the uri format of form values: not in the shared set
      }
      return out;
    }

    for (const entry of entries) {
      const known = KNOWN_SHARED[entry.key];
      it(`${entry.key}: the valid request is accepted by both; every invalid variant Prism rejects, the sandbox rejects${known ? ' (known sandbox bug)' : ''}`, async function () {
        if (!known) return sharedSet(entry);
        try {
          await sharedSet(entry);
        } catch (err) {
          return; // listed in sandbox-known-failures.json with the reason
        }
        throw new Error(`${entry.key} agrees with Prism now: remove it from test/conformance/sandbox-known-failures.json`);
      });
    }

    async function sharedSet(entry) {
        const valid = validRequest(entry);
        const ok = await both(valid);
        assert.strictEqual(ok.prism.status, entry.op.status, `Prism: ${describeRes(ok.prism)}`);
        assert.strictEqual(ok.sandbox.status, entry.op.status, `sandbox rejected a request Prism accepts: ${describeRes(ok.sandbox)}`);
        assertValid(ok.sandbox);
        if (valid.body) {
          // every parameter, each with a valid value
          sandbox.reset();
          const all = { ...validRequest(entry) };
          all.body = { ...G.sampleAllParams(entry) };
          const r = await both(all);
          assert.strictEqual(r.prism.status, entry.op.status, `Prism, every parameter: ${describeRes(r.prism)}`);
          assert.strictEqual(r.sandbox.status, entry.op.status, `sandbox rejected every-parameter request Prism accepts: ${describeRes(r.sandbox)}`);
          assertValid(r.sandbox);
        }
        for (const v of invalidVariants(entry, valid)) {
          const r = await both(v.req);
          // Prism does not validate an empty form body: such a variant is not in the shared set.
          if (r.prism.status < 400 && !G.encodeParams(v.req.body || { x: 1 })) continue;
          assert.ok(r.prism.status === 422 || r.prism.status === 404, `${v.name}: Prism accepted it (${describeRes(r.prism)}); not an invalid request`);
          assert.ok(r.sandbox.status >= 400 && r.sandbox.status < 500, `${v.name}: Prism rejects it (${describeRes(r.prism)}) but the sandbox answered ${describeRes(r.sandbox)}`);
          assertValid(r.sandbox);
        }
    }

    // Beyond what Prism rejects: conditional groups and Twilio's documented error codes.
    const extra = [
      { key: 'api.v2010.Messages create', name: 'no Body, MediaUrl or ContentSid (conditional group)', drop: ['Body'], code: 21602 },
      { key: 'api.v2010.Messages create', name: 'no From or MessagingServiceSid (conditional group)', drop: ['From'], code: 21603 },
      { key: 'api.v2010.Calls create', name: 'no Url, Twiml or ApplicationSid (conditional group)', drop: ['Url'], code: 21205 },
      { key: 'api.v2010.Messages create', name: 'From is Twilio\'s invalid test number +15005550001', set: { From: '+15005550001' }, code: 21212 },
      { key: 'api.v2010.Messages create', name: 'To is Twilio\'s invalid test number +15005550001', set: { To: '+15005550001' }, code: 21211 },
      { key: 'api.v2010.Calls create', name: 'From is Twilio\'s invalid test number +15005550001', set: { From: '+15005550001' }, code: 21212 },
      { key: 'api.v2010.Calls create', name: 'To is Twilio\'s invalid test number +15005550001', set: { To: '+15005550001' }, code: 21217 },
    ];
    for (const x of extra) {
      it(`${x.key}: ${x.name} — Prism accepts, the sandbox answers ${x.code}`, async function () {
        const entry = entries.find((e) => e.key === x.key);
        const valid = validRequest(entry);
        const body = { ...valid.body, ...(x.set || {}) };
        for (const d of x.drop || []) delete body[d];
        const r = await both({ ...valid, body });
        assert.strictEqual(r.prism.status, entry.op.status, `Prism: ${describeRes(r.prism)}`);
        assert.strictEqual(r.sandbox.status, 400, describeRes(r.sandbox));
        assert.strictEqual(r.sandbox.json.code, x.code, describeRes(r.sandbox));
        assertValid(r.sandbox);
      });
    }
  });
});

module.exports = { request };

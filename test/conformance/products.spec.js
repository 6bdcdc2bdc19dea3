'use strict';
// Prism 5.14.2 serves each product's own description (one Prism per product, started in turn;
// a proxy strips the product prefix the base URL adds) and the real nodes send at least one
// List, Fetch, Create, Update and Delete of that product (where it has them): Prism validates
// every request against the spec and answers from its examples. A sample of products runs in
// `npm test` (Prism's start costs seconds per product); CONFORMANCE_PRODUCTS=all runs every one
// (or a comma-separated list of product keys).
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const h = require('../support/harness');
const P = require('./lib/prism');
const catalog = require('../../dist/nodes/catalog/catalog.js');

const { helper } = h;
const SPEC_DIR = path.join(__dirname, '..', '..', 'node_modules/@twilio-alpha/mcp/twilio-oai/spec/json');
const SAMPLE = ['verify.v2', 'lookups.v2', 'messaging.v1', 'content.v1', 'conversations.v1', 'studio.v2'];
const ALL = Object.keys(catalog.loadIndex().products).filter((k) => k !== 'api.v2010');
const chosen = process.env.CONFORMANCE_PRODUCTS;
const PRODUCTS = chosen === 'all' ? ALL : chosen ? chosen.split(',') : SAMPLE;
const TYPES = { get: 'twilio-get', query: 'twilio-query', create: 'twilio-create', update: 'twilio-update', delete: 'twilio-delete' };

function specFileOf(key) {
  const src = catalog.loadCatalog(key).source.file;
  return path.join(SPEC_DIR, path.basename(src));
}

function sidOf(pattern) {
  const m = pattern && /^\^([A-Z]{2})\[0-9a-fA-F\]\{32\}\$$/.exec(pattern);
  return m ? m[1] + '0'.repeat(32) : undefined;
}

function sampleScalar(p) {
  if (p.enum && p.enum.length) return p.enum[0];
  if (p.pattern && sidOf(p.pattern)) return sidOf(p.pattern);
  if (p.type === 'integer' || p.type === 'number') return p.minimum !== undefined ? p.minimum : 1;
  if (p.type === 'boolean') return true;
  if (p.type === 'object') return {};
  if (p.format === 'uri') return 'https://example.com/hook';
  if (p.format === 'phone-number') return '+15558675310';
  if (p.format === 'date-time') return '2026-01-02T03:04:05Z';
  if (p.format === 'date') return '2026-01-02';
  return 'sample';
}

/** A JSON body with every required property, nested as the schema declares it. */
function sampleJson(schema) {
  if (!schema) return {};
  const alt = schema.oneOf || schema.anyOf;
  if (alt && alt.length) return sampleJson(alt[0]);
  if (schema.type === 'array') return [sampleJson(schema.items || { type: 'string' })];
  if (schema.type === 'object' || schema.properties) {
    const out = {};
    for (const name of schema.required || []) out[name] = sampleJson((schema.properties || {})[name] || { type: 'string' });
    return out;
  }
  return sampleScalar(schema);
}

function sampleDocument(op) {
  if (op.bodyType === 'json') return sampleJson(op.bodySchema);
  const doc = {};
  for (const p of op.params || []) if (p.required) doc[p.name] = p.array ? [sampleScalar(p)] : sampleScalar(p);
  for (const group of op.conditional || []) {
    if (!group.some((n) => doc[n] !== undefined)) {
      const p = op.params.find((x) => x.name === group[0]);
      if (p) doc[p.name] = p.array ? [sampleScalar(p)] : sampleScalar(p);
    }
  }
  return doc;
}

/** For each action, the first object of the product whose operation this harness can fill in. */
function pickOperations(key) {
  const picked = {};
  for (const obj of Object.values(catalog.loadCatalog(key).objects)) {
    for (const [action, op] of Object.entries(obj.actions)) {
      if (picked[action] || op.status >= 300) continue;
      if ((op.query || []).some((p) => p.required)) continue;
      picked[action] = { obj, op };
    }
  }
  return picked;
}

const specs = new Map();
/** A path part's value from the spec's own parameter schema (pattern, enum, format). */
function chainOf(key, op) {
  const file = specFileOf(key);
  if (!specs.has(file)) specs.set(file, JSON.parse(fs.readFileSync(file, 'utf8')));
  const declared = (specs.get(file).paths[op.path][op.method.toLowerCase()].parameters || []).filter((p) => p.in === 'path');
  return op.chain.map((part) => {
    let schema = (declared.find((p) => p.name === part.name) || {}).schema || {};
    if (schema.$ref) schema = specs.get(file).components.schemas[schema.$ref.split('/').pop()] || {};
    if (/PhoneNumber/.test(part.name)) return '+15558675310';
    return String(sampleScalar({ ...schema, pattern: part.pattern || schema.pattern }));
  });
}

/** Filter rows for the filters a List requires (iam.v1 Keys: AccountSid). */
function requiredFilters(op) {
  return (op.filters || []).filter((f) => f.required)
    .map((f) => ({ field: f.name, op: 'eq', value: f.name === 'AccountSid' ? h.ACCOUNT_SID : String(sampleScalar(f)), valueType: 'str' }));
}

describe('conformance: product APIs through the nodes against Prism', function () {
  this.timeout(300000);
  const results = [];
  after(function () {
    for (const r of results) console.log(`      ${r.product}: Prism started in ${r.prismStartMs} ms; ${r.operations.join(', ')}`);
  });

  for (const key of PRODUCTS) {
    describe(key, function () {
      let prism;
      let startMs;
      before(async function () {
        const t0 = Date.now();
        const host = catalog.loadIndex().products[key].host;
        prism = await P.startPrism({ specFile: specFileOf(key), stripPrefix: '/' + host.split('.')[0] });
        startMs = Date.now() - t0;
      });
      after(async function () { if (prism) await prism.stop(); });
      beforeEach(function (done) { helper.startServer(done); });
      afterEach(async function () { await helper.unload(); await new Promise((r) => helper.stopServer(r)); });

      it('every action it has: the nodes\' requests validate and the answers come through', async function () {
        const picked = pickOperations(key);
        const done = [];
        for (const [action, { obj, op }] of Object.entries(picked)) {
          const n = {
            id: 'n', type: TYPES[action], account: 'acc', object: obj.id, sid: 'sid', sidType: 'msg', format: 'json', dates: 'rfc2822',
            errorOutput: false, tracking: 'none', fields: [], request: 'payload', requestType: 'msg', params: [],
            filters: requiredFilters(op), limit: 1, pageSize: 1, outputMode: 'array', wires: [['out']],
          };
          await h.load([h.account({ url: prism.url }), n, { id: 'out', type: 'helper' },
            { id: 'catcher', type: 'catch', scope: null, uncaught: false, wires: [['caught']] }, { id: 'caught', type: 'helper' }]);
          prism.clear();
          const got = Promise.race([h.receive(helper.getNode('out')), h.receive(helper.getNode('caught')).then((m) => ({ caught: m }))]);
          helper.getNode('n').receive({ sid: chainOf(key, op), payload: action === 'create' || action === 'update' ? sampleDocument(op) : undefined });
          const msg = await got;
          const entry = prism.requests[0];
          assert.ok(!msg.caught, `${obj.id} ${action}: ${msg.caught && msg.caught.error.message} — ${P.prismRejection(entry)}`);
          assert.ok(entry && entry.status < 300, `${obj.id} ${action}: ${P.prismRejection(entry)}`);
          done.push(`${action} ${obj.id}`);
          await helper.unload();
        }
        results.push({ product: key, prismStartMs: startMs, operations: done });
        assert.ok(done.length >= 1);
      });
    });
  }
});

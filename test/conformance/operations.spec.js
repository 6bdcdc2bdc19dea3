'use strict';
// Conformance: for every one of the catalog's operations, the real node — deployed in
// Node-RED against Prism serving Twilio's OpenAPI description — sends requests Twilio's spec
// accepts and emits the records Twilio's examples contain, in JSON and in XML. Every date
// filter is exercised with on or before / on / on or after. The suite regenerates
// docs/conformance.md and fails when the committed report differs (UPDATE_CONFORMANCE=1
// rewrites it).
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const helper = require('node-red-node-test-helper');
const S = require('./lib/spec');
const P = require('./lib/prism');
const G = require('../support/samples');
const R = require('./lib/report');

const DIST = path.join(S.ROOT, 'dist', 'nodes');
const { credentialFields, redactCredentials } = require(path.join(DIST, 'response', 'record-fields.js'));
const SEED_DATE = '2024-03-05 10:11:12';
const LIMIT = 2;

helper.init(require.resolve('node-red'));

function nodeModules() {
  return ['twilio-account', 'twilio-get', 'twilio-query', 'twilio-create', 'twilio-update', 'twilio-delete']
    .map((n) => require(path.join(DIST, `${n}.js`)));
}

function accountNode(url) {
  return {
    id: 'acc', type: 'twilio-account', name: 'conformance', authType: 'token', baseUrl: url, region: '', edge: '',
    timeout: 10000, maxRetries: 0, retryMaxWait: 0, maxConcurrent: 4, maxPerSecond: 0,
  };
}
const CREDENTIALS = { acc: { accountSid: G.ACCOUNT_SID, authToken: G.AUTH_TOKEN } };

function actionNode(id, entry, extra) {
  const chain = G.sampleChain(entry);
  return {
    id, type: `twilio-${entry.action}`, account: 'acc', object: entry.object,
    sid: chain.join(':'), sidType: 'str',
    request: 'payload', requestType: entry.action === 'create' || entry.action === 'update' ? 'msg' : 'none',
    format: 'json', dates: 'rfc2822', errorOutput: false, tracking: 'none', fields: [],
    filters: [], limit: LIMIT, pageSize: 50, outputMode: 'array', params: [],
    wires: [[`${id}-out`]],
    ...extra,
  };
}

/** Send msg into node `id`; resolve with its output messages (one, or a record stream). */
function run(id, msg, { stream = false, timeout = 8000 } = {}) {
  return new Promise((resolve, reject) => {
    const node = helper.getNode(id);
    const out = helper.getNode(`${id}-out`);
    const got = [];
    const t = setTimeout(() => finish(new Error(`no output from ${id} within ${timeout} ms`)), timeout);
    function finish(err) {
      clearTimeout(t);
      out.removeListener('input', onOut);
      node.removeListener('call:error', onErr);
      if (err) reject(err); else resolve(got);
    }
    function onOut(m) {
      got.push(m);
      if (!stream || (m.parts && m.parts.count !== undefined)) finish();
    }
    function onErr(call) {
      const e = call.args[0];
      finish(new Error(`node error: ${e && e.message ? e.message : e}`));
    }
    out.on('input', onOut);
    node.on('call:error', onErr);
    node.receive(msg);
  });
}

/** The records a Query with a limit emits when every page is the spec example (Prism's static mode). */
function expectedRecords(entry, example, limit) {
  const recs = [];
  for (let page = 0; page < 10 && recs.length < limit; page++) {
    const list = example[entry.op.recordKey] || [];
    recs.push(...list.slice(0, limit - recs.length));
    if (!example.next_page_uri || list.length === 0) break;
  }
  return recs;
}

function queryFilters(entry) {
  return (entry.op.filters || []).map((f) => ({
    field: f.name,
    op: f.dateOps ? 'on' : 'eq',
    value: f.format === 'date' || f.format === 'date-time' ? SEED_DATE : G.sampleValue(f),
    valueType: typeof G.sampleValue(f) === 'object' ? 'json' : 'str',
  })).map((row) => (row.valueType === 'json' ? { ...row, value: JSON.stringify(row.value) } : row));
}

function clean(text) {
  return String(text).replace(/http:\/\/127\.0\.0\.1:\d+/g, '<prism>');
}

/** Every captured request was accepted by Prism and validates against the spec. */
function checkRequests(prism, validators, entry, expectedStatus) {
  assert.ok(prism.requests.length > 0, 'no request reached Prism');
  for (const raw of prism.requests) {
    assert.ok(raw.status < 300 || raw.status === expectedStatus, `Prism rejected the request: ${P.prismRejection(raw)}`);
    const errors = validators.validateRequest(entry.op, raw);
    assert.deepStrictEqual(errors, [], `request ${raw.method} ${raw.url}${raw.body ? ` body ${raw.body}` : ''} does not validate: ${errors.join('; ')}`);
  }
}

/** The record as the nodes output it: credential fields read "[redacted]" (docs/reliability.md). */
function redacted(record, schema) {
  return record && typeof record === 'object' ? redactCredentials(record, credentialFields(schema)) : record;
}

function differenceHint(validators, entry, mismatchField) {
  const schemaName = entry.op.response;
  if (!schemaName || !mismatchField) return '';
  const ptr = `/components/schemas/${S.escapePointer(schemaName)}/properties/${S.escapePointer(mismatchField)}`;
  const d = validators.differences.find((x) => x.pointer === ptr);
  return d ? ` (spec difference ${ptr}: ${d.reason})` : ` (${ptr})`;
}

function firstMismatch(actual, expected) {
  if (!actual || !expected || typeof actual !== 'object' || typeof expected !== 'object') return undefined;
  for (const k of new Set([...Object.keys(actual), ...Object.keys(expected)])) {
    if (JSON.stringify(actual[k]) !== JSON.stringify(expected[k])) return k;
  }
  return undefined;
}

function assertRecordsEqual(validators, entry, actual, expected, what) {
  try {
    assert.deepStrictEqual(actual, expected);
  } catch (err) {
    const a = Array.isArray(actual) ? actual.find((x, i) => JSON.stringify(x) !== JSON.stringify(expected[i])) : actual;
    const e = Array.isArray(expected) ? expected[Array.isArray(actual) ? actual.indexOf(a) : 0] : expected;
    const k = firstMismatch(a, e);
    const detail = k !== undefined
      ? `field \`${k}\`: got ${JSON.stringify(a && a[k])}, spec example ${JSON.stringify(e && e[k])}${differenceHint(validators, entry, k)}`
      : `got ${JSON.stringify(actual).slice(0, 200)}, spec example ${JSON.stringify(expected).slice(0, 200)}`;
    throw new Error(`${what} output differs from the spec example: ${detail}`, { cause: err });
  }
}

describe('conformance: every operation, through the real nodes, against Twilio\'s OpenAPI description', function () {
  this.timeout(30000);
  let prism;
  let xml;
  const validators = new S.SpecValidators();
  const entries = S.operations();
  const results = new Map();

  before(async function () {
    this.timeout(90000);
    prism = await P.startPrism();
    xml = require('../support/twilio-xml-reader');
    await new Promise((resolve) => helper.startServer(resolve));
  });
  after(async function () {
    await new Promise((resolve) => helper.stopServer(resolve));
    if (prism) await prism.stop();
  });
  afterEach(function () { return helper.unload(); });

  for (const entry of entries) {
    it(`${entry.key}`, async function () {
      try {
        await conformOperation(entry);
        results.set(entry.key, { ok: true });
      } catch (err) {
        results.set(entry.key, { ok: false, reason: clean(err.message) });
        throw err;
      }
    });
  }

  async function conformOperation(entry) {
    const { op } = entry;
    const schema = S.loadCatalog().schemas[op.response];
    const example = S.successExample(entry);
    const isQuery = entry.action === 'query';
    const filters = isQuery ? queryFilters(entry) : [];
    const flow = [
      accountNode(prism.url),
      actionNode('n-json', entry, { filters }),
      { id: 'n-json-out', type: 'helper' },
      actionNode('n-xml', entry, { filters, format: 'xml', outputMode: 'record' }),
      { id: 'n-xml-out', type: 'helper' },
    ];
    await helper.load(nodeModules(), flow, CREDENTIALS);
    const input = () => ({ payload: entry.action === 'create' || entry.action === 'update' ? G.sampleParams(entry) : {}, topic: 'conformance' });

    // JSON
    prism.clear();
    const [jsonMsg] = await run('n-json', input());
    if (process.env.DEBUG_CONFORMANCE) console.log(prism.requests.map((r) => `${r.method} ${r.url} ${r.body} → ${r.status}`).join('\n'));
    checkRequests(prism, validators, entry, op.status);
    if (isQuery) {
      assert.ok(prism.requests.length <= LIMIT, `a Query with limit ${LIMIT} made ${prism.requests.length} requests`);
      const first = new URLSearchParams(prism.requests[0].query);
      assert.ok(Number(first.get('PageSize')) >= 1 && Number(first.get('PageSize')) <= LIMIT, `PageSize ${first.get('PageSize')} with limit ${LIMIT}`);
    }
    assert.strictEqual(prism.requests[prism.requests.length - 1].status, op.status, 'Prism answered with the spec\'s success status');
    assert.ok(jsonMsg.twilio, 'msg.twilio is set');
    assert.strictEqual(jsonMsg.twilio.object, entry.object);
    assert.strictEqual(jsonMsg.twilio.action, entry.action);
    let expected;
    if (isQuery) {
      expected = expectedRecords(entry, example, LIMIT).map((r) => redacted(r, schema));
      assertRecordsEqual(validators, entry, jsonMsg.payload, expected, 'JSON');
    } else if (op.status === 204) {
      assert.strictEqual(jsonMsg.twilio.statusCode, 204, 'a Delete answers 204');
    } else if (op.status >= 300 && op.status < 400) {
      assert.strictEqual(jsonMsg.twilio.statusCode, op.status);
      assert.strictEqual(jsonMsg.payload && jsonMsg.payload.redirect_to, example.redirect_to, 'redirect_to');
    } else {
      expected = redacted(example, schema);
      assert.strictEqual(jsonMsg.twilio.statusCode, op.status);
      assert.strictEqual(jsonMsg.payload[schema.identity], example[schema.identity], `identity field ${schema.identity}`);
      assertRecordsEqual(validators, entry, jsonMsg.payload, expected, 'JSON');
    }

    // Every parameter of a Create/Update, each with a valid value, is sent as the spec declares it.
    if (entry.action === 'create' || entry.action === 'update') {
      prism.clear();
      await run('n-json', { payload: G.sampleAllParams(entry) });
      checkRequests(prism, validators, entry, op.status);
      const sent = new URLSearchParams(prism.requests[0].body);
      for (const p of op.params || []) assert.ok(sent.has(p.name), `parameter ${p.name} was sent`);
    }

    // XML (record mode for Queries: one record per message)
    if (!schema || op.status === 204 || (op.status >= 300 && op.status < 400)) return;
    prism.clear();
    const xmlMsgs = await run('n-xml', input(), { stream: isQuery });
    if (process.env.DEBUG_CONFORMANCE) console.log(xmlMsgs.map((m) => String(m.payload).slice(0, 300)).join('\n'));
    checkRequests(prism, validators, entry, op.status);
    if (isQuery) {
      if (expected.length === 0) {
        assert.deepStrictEqual(xmlMsgs.map((m) => m.payload), [[]], 'no records: one message with an empty payload');
        return;
      }
      const records = xmlMsgs.map((m) => {
        assert.strictEqual(typeof m.payload, 'string', 'XML payload is a string');
        return xml.xmlToRecord(m.payload, schema);
      });
      assertRecordsEqual(validators, entry, records, expected, 'XML');
    } else {
      assert.strictEqual(typeof xmlMsgs[0].payload, 'string', 'XML payload is a string');
      assertRecordsEqual(validators, entry, xml.xmlToRecord(xmlMsgs[0].payload, schema), expected, 'XML');
    }
  }

  describe('date filters: on or before / on / on or after with the seed\'s `YYYY-MM-DD HH:MM:SS`', function () {
    const withDates = entries.filter((e) => e.action === 'query' && (e.op.filters || []).some((f) => f.format === 'date' || f.format === 'date-time'));
    for (const entry of withDates) {
      const cases = [];
      for (const f of entry.op.filters) {
        if (f.format !== 'date' && f.format !== 'date-time') continue;
        for (const op of f.dateOps ? ['before', 'on', 'after'] : ['eq']) cases.push({ f, op });
      }
      it(`${entry.key}: ${[...new Set(cases.map((c) => c.f.name))].join(', ')}`, async function () {
        const flow = [accountNode(prism.url)];
        cases.forEach((c, i) => {
          flow.push(actionNode(`d${i}`, entry, { filters: [{ field: c.f.name, op: c.op, value: SEED_DATE, valueType: 'str' }], limit: 1 }));
          flow.push({ id: `d${i}-out`, type: 'helper' });
        });
        await helper.load(nodeModules(), flow, CREDENTIALS);
        for (let i = 0; i < cases.length; i++) {
          const { f, op } = cases[i];
          prism.clear();
          await run(`d${i}`, { payload: {} });
          checkRequests(prism, validators, entry, entry.op.status);
          const key = f.name + (op === 'before' ? '<' : op === 'after' ? '>' : '');
          const q = new URLSearchParams(prism.requests[0].query);
          const sent = q.get(key);
          assert.ok(sent !== null, `${f.name} ${op}: the request carries ${key} (${prism.requests[0].query})`);
          for (const other of ['<', '', '>'].map((s) => f.name + s)) {
            if (other !== key) assert.strictEqual(q.get(other), null, `${f.name} ${op}: only ${key} is sent`);
          }
          if (f.format === 'date') assert.strictEqual(sent, '2024-03-05', `${key} as the spec's date`);
          else if (op === 'on') assert.strictEqual(sent, '2024-03-05T00:00:00Z', `${key}: midnight of the day`);
          else assert.strictEqual(sent, '2024-03-05T10:11:12Z', `${key} as the spec's date-time`);
        }
      });
    }
  });

  describe('docs/conformance.md', function () {
    it('matches what this run regenerates', function () {
      if (results.size < entries.length) this.skip(); // run with --grep: no full report
      const report = R.renderReport(results) + '\n';
      if (process.env.UPDATE_CONFORMANCE === '1') fs.writeFileSync(R.REPORT_FILE, report);
      const committed = fs.existsSync(R.REPORT_FILE) ? fs.readFileSync(R.REPORT_FILE, 'utf8') : '';
      assert.strictEqual(committed, report, 'docs/conformance.md is stale: regenerate with UPDATE_CONFORMANCE=1');
    });
  });
});

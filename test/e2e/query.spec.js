// twilio-query end to end against the sandbox: paging, output modes, join, limit, stop,
// filters and their wire format, typed values from jsonata and a file context store.
const assert = require('assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const h = require('../support/harness');
const { xmlToPage } = require('../support/twilio-xml-reader');
const { loadCatalog } = require('../../dist/nodes/catalog/catalog.js');
const { snakeCase: snake } = require('../../dist/nodes/catalog/names.js');
const { sampleForPart } = require('../support/samples');

const { helper } = h;
const DAY = 86400000;

describe('twilio-query', function () {
  this.timeout(60000);
  let sandbox;
  h.checkedSandboxPerSuite((sb) => { sandbox = sb; });

  function queryFlow(extra = {}, more = [], accountExtra = {}) {
    return [
      h.account(sandbox, accountExtra),
      {
        id: 'query', type: 'twilio-query', account: 'acc', object: 'api.v2010.Messages', sid: '', sidType: 'str',
        format: 'json', dates: 'rfc2822', errorOutput: false, tracking: 'none', fields: [], filters: [],
        limit: 0, pageSize: 50, outputMode: 'record', wires: [['out']], ...extra,
      },
      { id: 'out', type: 'helper' },
      { id: 'catcher', type: 'catch', scope: null, uncaught: false, wires: [['caught']] },
      { id: 'caught', type: 'helper' },
      ...more,
    ];
  }

  function seedMessages(n, account = h.ACCOUNT_SID) {
    const now = Date.now();
    const recs = [];
    for (let i = 0; i < n; i++) recs.push({ body: `m${i}`, date_sent: h.rfc2822(now - i * 1000) });
    return sandbox.seed(account, 'api.v2010.Messages', recs);
  }

  describe('2,500 records across pages of 1000', function () {
    let seeded;
    beforeEach(function () { seeded = seedMessages(2500); });

    it('record mode: one message per record, parts index across pages and count on the last', async function () {
      await h.load(queryFlow({ pageSize: 1000 }));
      const got = h.receive(helper.getNode('out'), 2500, 30000);
      helper.getNode('query').receive({ payload: 'go', parts: { id: 'outer', index: 3, count: 5 } });
      const msgs = await got;
      assert.deepStrictEqual(msgs.map((m) => m.parts.index), [...Array(2500).keys()]);
      assert.strictEqual(new Set(msgs.map((m) => m.parts.id)).size, 1);
      assert.ok(msgs.slice(0, -1).every((m) => m.parts.count === undefined));
      assert.strictEqual(msgs[2499].parts.count, 2500);
      assert.deepStrictEqual(msgs[0].parts.parts, { id: 'outer', index: 3, count: 5 }, 'incoming parts kept as parts.parts');
      assert.deepStrictEqual(new Set(msgs.map((m) => m.payload.sid)), new Set(seeded.map((r) => r.sid)));
      assert.ok(msgs.every((m) => m.sid === m.payload.sid && m.twilio.chain === m.sid));
      assert.strictEqual(msgs[2499].twilio.nextPageUri, null);
      const pages = sandbox.log.filter((e) => e.method === 'GET');
      assert.strictEqual(pages.length, 3);
      assert.ok(pages.every((e) => e.query.PageSize === '1000'));
      assert.ok(pages[1].rawQuery.includes('PageToken'), 'follows next_page_uri');
    });

    it('page mode: one message per page', async function () {
      await h.load(queryFlow({ pageSize: 1000, outputMode: 'page' }));
      const got = h.receive(helper.getNode('out'), 3, 30000);
      helper.getNode('query').receive({});
      const msgs = await got;
      assert.deepStrictEqual(msgs.map((m) => m.payload.length), [1000, 1000, 500]);
      assert.deepStrictEqual(msgs.map((m) => m.twilio.page), [0, 1, 2]);
      assert.ok(msgs[0].twilio.nextPageUri.includes('PageToken'));
      assert.strictEqual(msgs[2].twilio.nextPageUri, null);
    });

    it('array mode: one message holding every record', async function () {
      await h.load(queryFlow({ pageSize: 1000, outputMode: 'array' }));
      const got = h.receive(helper.getNode('out'), 1, 30000);
      helper.getNode('query').receive({});
      const msg = await got;
      assert.strictEqual(msg.payload.length, 2500);
      assert.deepStrictEqual(msg.payload.map((r) => r.sid), seeded.map((r) => r.sid).reverse());
      assert.strictEqual(msg.twilio.count, 2500);
    });

    it('record mode: every message is independent, whatever the input carried (a downstream change to one leaves the others alone)', async function () {
      for (const input of [{ payload: 'go', topic: 't' }, { payload: 'go', topic: 't', meta: { tags: ['a'] }, parts: { id: 'outer', index: 0 } }]) {
        await h.load(queryFlow({ pageSize: 1000, limit: 1500 }));
        const got = h.receive(helper.getNode('out'), 1500, 30000);
        helper.getNode('query').receive(input);
        const msgs = await got;
        const [a, b, c] = [msgs[0], msgs[1], msgs[1200]];
        const before = JSON.parse(JSON.stringify([b, c]));
        // What a change node or function node might do to the first message.
        a.payload.body = 'changed';
        a.twilio.statusCode = 0;
        a.parts.index = 99;
        a.topic = 'changed';
        if (a.meta) a.meta.tags.push('changed');
        if (a.parts.parts) a.parts.parts.index = 99;
        assert.deepStrictEqual(JSON.parse(JSON.stringify([b, c])), before, `input ${JSON.stringify(input)}`);
        if (input.meta) {
          assert.deepStrictEqual(input.meta.tags, ['a'], 'the input message is not touched either');
          assert.notStrictEqual(b.meta, c.meta);
        }
        await helper.unload();
      }
    });

    it('record mode: a page goes out in chunks, with turns of the event loop between them', async function () {
      await h.load(queryFlow({ pageSize: 1000, limit: 1000 }));
      const out = helper.getNode('out');
      let seen = 0;
      let seenAtNextTurn;
      out.on('input', () => {
        if (seen++ === 0) setImmediate(() => { seenAtNextTurn = seen; });
      });
      const got = h.receive(out, 1000, 30000);
      helper.getNode('query').receive({ payload: 'go' });
      await got;
      assert.ok(seenAtNextTurn < 1000, `other work ran after ${seenAtNextTurn} of 1000 records, not only after the whole page`);
    });

    it('limit stops reading pages once enough records came', async function () {
      await h.load(queryFlow({ pageSize: 1000, limit: 1200, outputMode: 'array' }));
      const got = h.receive(helper.getNode('out'));
      helper.getNode('query').receive({});
      const msg = await got;
      assert.strictEqual(msg.payload.length, 1200);
      assert.strictEqual(sandbox.log.length, 2);
    });
  });

  it('pages are read into two buffers, reused page after page; every record is its own (record, page and array modes)', async function () {
    // A query's pages are read into buffers it reuses (nodes/twilio/read-body.ts); a buffer given
    // back while its page was still being emitted would be overwritten by the next page's bytes.
    const { ReusableBuffers } = require('../../dist/nodes/twilio/read-body.js');
    const seeded = seedMessages(5000);
    const bodyOf = new Map(seeded.map((r) => [r.sid, r.body]));
    const take = ReusableBuffers.prototype.take;
    const handedOut = new Set();
    ReusableBuffers.prototype.take = function (size) {
      const buf = take.call(this, size);
      handedOut.add(buf.buffer);
      return buf;
    };
    try {
      for (const [outputMode, count] of [['record', 5000], ['page', 5], ['array', 1]]) {
        handedOut.clear();
        await h.load(queryFlow({ pageSize: 1000, outputMode }));
        const got = h.receive(helper.getNode('out'), count, 30000);
        helper.getNode('query').receive({ payload: 'go' });
        const msgs = [].concat(await got);
        const records = outputMode === 'record' ? msgs.map((m) => m.payload) : msgs.flatMap((m) => m.payload);
        assert.strictEqual(records.length, 5000, outputMode);
        assert.strictEqual(new Set(records.map((r) => r.sid)).size, 5000, outputMode);
        for (const r of records) assert.strictEqual(r.body, bodyOf.get(r.sid), `${outputMode}: ${r.sid}`);
        assert.strictEqual(sandbox.log.filter((e) => e.method === 'GET').length, 5);
        assert.ok(handedOut.size >= 1 && handedOut.size <= 2, `${outputMode}: 5 pages read into ${handedOut.size} buffers`);
        await helper.unload();
        sandbox.clearLog();
      }
    } finally {
      ReusableBuffers.prototype.take = take;
    }
  });

  it('record mode into a core join node in automatic mode gives back every record', async function () {
    const seeded = seedMessages(120);
    await h.load(queryFlow({ pageSize: 50, wires: [['joiner']] }, [
      { id: 'joiner', type: 'join', mode: 'auto', build: 'object', property: 'payload', propertyType: 'msg', key: 'topic', joiner: '\\n', joinerType: 'str', accumulate: false, timeout: '', count: '', reduceRight: false, wires: [['joined']] },
      { id: 'joined', type: 'helper' },
    ]));
    const got = h.receive(helper.getNode('joined'));
    helper.getNode('query').receive({});
    const msg = await got;
    assert.strictEqual(msg.payload.length, 120);
    assert.deepStrictEqual(msg.payload.map((r) => r.sid).sort(), seeded.map((r) => r.sid).sort());
  });

  it('an empty result sends one message that a join turns into []', async function () {
    await h.load(queryFlow({ wires: [['joiner', 'out']] }, [
      { id: 'joiner', type: 'join', mode: 'auto', build: 'object', property: 'payload', propertyType: 'msg', key: 'topic', joiner: '\\n', joinerType: 'str', accumulate: false, timeout: '', count: '', reduceRight: false, wires: [['joined']] },
      { id: 'joined', type: 'helper' },
    ]));
    const direct = h.receive(helper.getNode('out'));
    const joined = h.receive(helper.getNode('joined'));
    helper.getNode('query').receive({});
    const msg = await direct;
    assert.deepStrictEqual(msg.payload, []);
    assert.deepStrictEqual(msg.parts, { id: msg.parts.id, type: 'array', index: 0, count: 0, len: 50 });
    assert.strictEqual(msg.complete, true);
    assert.deepStrictEqual((await joined).payload, []);
  });

  it('a failure mid-stream sends a reset for the join and then a catchable error', async function () {
    seedMessages(120);
    // The first page answers; every later request fails (faults fire in order, first match wins).
    sandbox.inject({ when: 'before', kind: 'latency', ms: 1, times: 1 });
    sandbox.inject({ when: 'before', kind: '500', times: 100 });
    await h.load(queryFlow({ pageSize: 50 }, [], { maxRetries: 0 }));
    const out = h.collectUntilQuiet(helper.getNode('out'), 800);
    const caught = h.receive(helper.getNode('caught'));
    helper.getNode('query').receive({});
    const msgs = await out;
    const err = await caught;
    assert.strictEqual(msgs.length, 51, '50 records, then the reset');
    const reset = msgs[50];
    assert.deepStrictEqual(reset, { _msgid: reset._msgid, parts: { id: msgs[0].parts.id }, reset: true });
    assert.ok(msgs.slice(0, 50).every((m) => m.payload && m.payload.sid));
    assert.strictEqual(err.twilio.error.status, 500);
    assert.deepStrictEqual(sandbox.log.map((e) => e.status), [200, 500]);
  });

  it('{stop: true} ends a running query after the page in hand; the last record says where to resume', async function () {
    seedMessages(300);
    sandbox.inject({ when: 'before', kind: 'latency', ms: 300, times: 100 });
    await h.load(queryFlow({ pageSize: 50 }));
    const out = h.collectUntilQuiet(helper.getNode('out'), 1200);
    helper.getNode('query').receive({});
    setTimeout(() => helper.getNode('query').receive({ stop: true }), 450);
    const msgs = await out;
    assert.ok(msgs.length >= 50 && msgs.length < 300, `stopped early (${msgs.length})`);
    assert.strictEqual(msgs.length % 50, 0);
    const last = msgs[msgs.length - 1];
    assert.strictEqual(last.parts.count, msgs.length);
    assert.ok(last.twilio.nextPageUri && last.twilio.nextPageUri.includes('PageToken'));
  });

  it('array mode, stopped: the one message says where to resume', async function () {
    seedMessages(300);
    sandbox.inject({ when: 'before', kind: 'latency', ms: 300, times: 100 });
    await h.load(queryFlow({ pageSize: 50, outputMode: 'array' }));
    const got = h.receive(helper.getNode('out'));
    helper.getNode('query').receive({});
    setTimeout(() => helper.getNode('query').receive({ stop: true }), 450);
    const msg = await got;
    assert.ok(msg.payload.length >= 50 && msg.payload.length < 300);
    assert.match(msg.twilio.nextPageUri, /PageToken=/);
  });

  it('a limit or page size that is not a whole number in range is an error naming it', async function () {
    await h.load(queryFlow({ limit: -5 }));
    const caught = h.receive(helper.getNode('caught'));
    helper.getNode('query').receive({});
    const msg = await caught;
    assert.match(msg.error.message, /Limit must be a whole number.*"-5"/);
    assert.strictEqual(sandbox.log.length, 0);
  });

  it('msg.nextPageUri resumes where a stopped query left off; a URI of another list is refused', async function () {
    const seeded = seedMessages(120);
    await h.load(queryFlow({ pageSize: 50, limit: 50, outputMode: 'array' }));
    let got = h.receive(helper.getNode('out'));
    helper.getNode('query').receive({});
    const first = await got;
    assert.strictEqual(first.payload.length, 50);
    assert.match(first.twilio.nextPageUri, /PageToken=/);
    got = h.receive(helper.getNode('out'));
    helper.getNode('query').receive({ nextPageUri: first.twilio.nextPageUri });
    const second = await got;
    assert.strictEqual(second.payload.length, 50);
    const sids = [...first.payload, ...second.payload].map((r) => r.sid);
    assert.strictEqual(new Set(sids).size, 100, 'no record twice');
    assert.deepStrictEqual(sids, seeded.map((r) => r.sid).reverse().slice(0, 100));

    const caught = h.receive(helper.getNode('caught'));
    const before = sandbox.log.length;
    helper.getNode('query').receive({ nextPageUri: first.twilio.nextPageUri.replace('/Messages.json', '/Calls.json') });
    const err = await caught;
    assert.match(err.error.message, /is not a page of this query's list/);
    assert.strictEqual(sandbox.log.length, before);
  });

  it('XML pages parse back to the records', async function () {
    const seeded = seedMessages(3);
    await h.load(queryFlow({ outputMode: 'page', format: 'xml' }));
    const got = h.receive(helper.getNode('out'));
    helper.getNode('query').receive({});
    const msg = await got;
    assert.match(msg.payload, /^<TwilioResponse><Messages /);
    const catalog = loadCatalog();
    const schema = catalog.schemas[catalog.objects['api.v2010.Messages'].actions.query.response];
    const page = xmlToPage(msg.payload, schema);
    assert.deepStrictEqual(page.records, seeded.slice().reverse());
  });

  it('Participants of a conference carry ConferenceSid:CallSid chains', async function () {
    const conf = sandbox.seed(h.ACCOUNT_SID, 'api.v2010.Conferences', [{ friendly_name: 'c', status: 'in-progress' }])[0];
    const people = sandbox.seed(h.ACCOUNT_SID, 'api.v2010.Conferences.Participants', [{ label: 'a' }, { label: 'b' }], [conf.sid]);
    await h.load(queryFlow({ object: 'api.v2010.Conferences.Participants', sid: 'sid', sidType: 'msg', outputMode: 'record' }));
    const got = h.receive(helper.getNode('out'), 2);
    helper.getNode('query').receive({ sid: conf.sid });
    const msgs = await got;
    assert.deepStrictEqual(msgs.map((m) => m.sid).sort(), people.map((p) => `${conf.sid}:${p.call_sid}`).sort());
  });

  it('a page URI pointing at another host is refused: credentials never leave for it', async function () {
    // A fake Twilio on loopback whose first page points the next one elsewhere.
    const http = require('http');
    const seen = [];
    const fake = http.createServer((req, res) => {
      seen.push(req.url);
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ messages: [{ sid: 'SM' + 'a'.repeat(32) }], next_page_uri: 'https://evil.example.com/2010-04-01/Accounts/x/Messages.json?Page=1', page: 0, page_size: 1 }));
    });
    await new Promise((r) => fake.listen(0, '127.0.0.1', r));
    try {
      await h.load([
        { ...queryFlow()[0], baseUrl: `http://127.0.0.1:${fake.address().port}` },
        ...queryFlow({ outputMode: 'array' }).slice(1),
      ]);
      const caught = h.receive(helper.getNode('caught'));
      helper.getNode('query').receive({});
      const msg = await caught;
      assert.strictEqual(msg.error.code, 'HOST_REFUSED');
      assert.match(msg.error.message, /evil\.example\.com/);
      assert.strictEqual(seen.length, 1);
    } finally {
      fake.close();
    }
  });

  describe('filters', function () {
    it('sends each date filter in the wire format the spec declares', async function () {
      const cases = [
        ['api.v2010.Messages', 'DateSent', 'before', '2024-01-02 13:14:15', 'DateSent<=2024-01-02T13:14:15Z'],
        ['api.v2010.Messages', 'DateSent', 'on', '2024-01-02 13:14:15', 'DateSent=2024-01-02T00:00:00Z'],
        ['api.v2010.Calls', 'StartTime', 'after', '2024-01-02', 'StartTime>=2024-01-02T00:00:00Z'],
        ['api.v2010.Conferences', 'DateCreated', 'on', '2024-01-02', 'DateCreated=2024-01-02'],
        ['api.v2010.Conferences', 'DateUpdated', 'before', '2024-01-02', 'DateUpdated<=2024-01-02'],
        ['api.v2010.Notifications', 'MessageDate', 'after', 'Tue, 02 Jan 2024 10:00:00 +0000', 'MessageDate>=2024-01-02'],
        ['api.v2010.Usage.Records', 'StartDate', 'eq', '-30days', 'StartDate=-30days'],
      ];
      for (const [object, field, op, value, wire] of cases) {
        sandbox.reset();
        await helper.unload();
        await h.load(queryFlow({ object, filters: [{ field, op, value, valueType: 'str' }], outputMode: 'array' }));
        const got = h.receive(helper.getNode('out'));
        helper.getNode('query').receive({});
        await got;
        const raw = decodeURIComponent(sandbox.log[0].rawQuery);
        assert.ok(raw.split('&').includes(wire), `${object} ${field} ${op}: ${raw} lacks ${wire}`);
      }
    });

    it('a jsonata value and a flow-context value from a localfilesystem store', async function () {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nr-ctx-'));
      await helper.unload();
      await new Promise((r) => helper.stopServer(r));
      helper.settings({ contextStorage: { default: { module: 'memory' }, file: { module: 'localfilesystem', config: { dir, flushInterval: 1 } } } });
      await new Promise((r) => helper.startServer(r));
      try {
        const base = Date.UTC(2024, 0, 10);
        sandbox.seed(h.ACCOUNT_SID, 'api.v2010.Messages', [
          { body: 'old', to: '+15550000001', date_sent: h.rfc2822(base - 3 * DAY) },
          { body: 'in', to: '+15550000001', date_sent: h.rfc2822(base) },
          { body: 'other', to: '+15550000002', date_sent: h.rfc2822(base) },
        ]);
        await h.load(queryFlow({
          outputMode: 'array',
          filters: [
            { field: 'DateSent', op: 'after', value: '#:(file)::since', valueType: 'flow' },
            { field: 'To', op: 'eq', value: '"+1 (555) 000-" & $string(payload.n)', valueType: 'jsonata' },
          ],
        }));
        const q = helper.getNode('query');
        await new Promise((resolve, reject) => q.context().flow.set('since', '2024-01-09', 'file', (e) => (e ? reject(e) : resolve())));
        const got = h.receive(helper.getNode('out'));
        q.receive({ payload: { n: '0001' } });
        const msg = await got;
        assert.deepStrictEqual(msg.payload.map((r) => r.body), ['in']);
        const raw = decodeURIComponent(sandbox.log[0].rawQuery);
        assert.ok(raw.includes('To=+15550000001') && raw.includes('DateSent>=2024-01-09T00:00:00Z'), raw);
      } finally {
        helper.settings({});
      }
    });

    it('an unknown filter is an error with a close match, and nothing is sent', async function () {
      await h.load(queryFlow({ filters: [{ field: 'DateSnet', op: 'eq', value: '2024-01-01', valueType: 'str' }] }));
      const caught = h.receive(helper.getNode('caught'));
      helper.getNode('query').receive({});
      const msg = await caught;
      assert.match(msg.error.message, /DateSent/);
      assert.strictEqual(sandbox.log.length, 0);
    });
  });
});

describe('twilio-query date filters through the node, by GMT day (table)', function () {
  // Generated from the catalog: every Query filter with on-or-before/on/on-or-after.
  this.timeout(120000);
  const catalog = loadCatalog();
  const day = Date.UTC(2024, 2, 10);
  const stamps = { prevEnd: day - 1000, start: day, end: day + DAY - 1000, nextStart: day + DAY };
  const expected = { before: ['prevEnd', 'start', 'end'], on: ['start', 'end'], after: ['end', 'nextStart', 'start'] };
  const sample = sampleForPart;
  const cases = [];
  for (const obj of Object.values(catalog.objects)) {
    const q = obj.actions.query;
    if (!q) continue;
    for (const f of q.filters.filter((x) => x.dateOps)) cases.push({ obj, q, f });
  }
  let sandbox;
  h.checkedSandboxPerSuite((sb) => { sandbox = sb; });

  it(`covers ${cases.length} date filters`, function () {
    assert.ok(cases.length >= 10);
  });

  for (const { obj, q, f } of cases) {
    it(`${obj.id} ${f.name}: before / on / after keep exactly the records of those days (TZ=${process.env.TZ || 'system'})`, async function () {
      const parents = q.chain.map((p, i) => sample(p, i + 1));
      const field = snake(f.name);
      const seeded = sandbox.seed(h.ACCOUNT_SID, obj.id,
        Object.entries(stamps).map(([name, at]) => ({ [field]: h.rfc2822(at), friendly_name: name, label: name })), parents);
      const byName = {};
      Object.keys(stamps).forEach((name, i) => { byName[name] = seeded[i]; });
      const identity = catalog.schemas[q.response].identity;
      const flow = [h.account(sandbox)];
      for (const op of ['before', 'on', 'after']) {
        flow.push({
          id: `q-${op}`, type: 'twilio-query', account: 'acc', object: obj.id, sid: parents.join(':'), sidType: 'str',
          filters: [{ field: f.name, op, value: '2024-03-10 12:00:00', valueType: 'str' }], outputMode: 'array', limit: 0, pageSize: 50,
          format: 'json', dates: 'rfc2822', fields: [], wires: [[`out-${op}`]],
        }, { id: `out-${op}`, type: 'helper' });
      }
      await h.load(flow);
      for (const op of ['before', 'on', 'after']) {
        const got = h.receive(helper.getNode(`out-${op}`));
        helper.getNode(`q-${op}`).receive({});
        const msg = await got;
        const want = expected[op].map((n) => byName[n][identity]).sort();
        assert.deepStrictEqual(msg.payload.map((r) => r[identity]).sort(), want, `${op}`);
      }
    });
  }
});

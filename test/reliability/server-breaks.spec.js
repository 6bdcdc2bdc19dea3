// Breaks 4–7 of issue 9 through Node-RED: what a server's answers may and may not mean.
// The sandbox plays Twilio with injected faults; the hostile server plays a broken one.
'use strict';
const assert = require('assert');
const h = require('../support/harness');
const o = require('../support/outbound');
const { startHostileServer } = require('../support/hostile-server');

const { helper } = h;
const TO = '+15558675310';
const FROM = '+15005550006';
const SM = 'SM' + 'b'.repeat(32);

describe('reliability: what answers mean (breaks 4–7)', function () {
  this.timeout(30000);
  let sandbox;
  let hostile;
  before(async function () {
    sandbox = await h.startSandbox({ port: 0 });
    hostile = await startHostileServer();
  });
  after(async function () { await sandbox.close(); await hostile.close(); });
  beforeEach(function (done) { sandbox.reset(); helper.startServer(done); });
  afterEach(async function () { await helper.unload(); await new Promise((r) => helper.stopServer(r)); });

  const load = (type, object, props = {}, server = sandbox, account = {}) =>
    h.load(o.actionFlow(server, type, { object, sid: 'sid', sidType: 'msg', ...props }, { maxRetries: 2, ...account }));

  describe('4. a Delete retried after a 429 does not read 404 as success', function () {
    it('429 then 20404 ends with 20404', async function () {
      sandbox.inject({ when: 'before', kind: '429', retryAfter: 0 });
      await load('twilio-delete', 'api.v2010.Calls');
      const r = await o.outcome(helper, { sid: 'CA' + 'e'.repeat(32) });
      assert.ok(r.error, 'a Sid that never existed is not deleted');
      assert.strictEqual(r.error.code, 20404);
      assert.deepStrictEqual(sandbox.log.map((e) => e.status), [429, 404]);
    });
    it('a 500 after deleting, then 20404, is success (already gone)', async function () {
      const call = sandbox.seed(h.ACCOUNT_SID, 'api.v2010.Calls', [{ status: 'completed' }])[0];
      sandbox.inject({ when: 'after', kind: '500' });
      await load('twilio-delete', 'api.v2010.Calls');
      const r = await o.outcome(helper, { sid: call.sid });
      assert.ok(r.out, r.error && r.error.message);
      assert.strictEqual(r.out.twilio.statusCode, 204);
      assert.deepStrictEqual(sandbox.log.map((e) => e.status), [500, 404]);
    });
  });

  describe('5. the timeout is a deadline for the whole request', function () {
    const server = () => ({ url: hostile.url });
    it('a Get dripping a byte every 100 ms ends with TIMEOUT near the 600 ms timeout', async function () {
      hostile.use('drip', { everyMs: 100 });
      await load('twilio-get', 'api.v2010.Messages', {}, server(), { timeout: 600, maxRetries: 0 });
      const started = Date.now();
      const r = await o.outcome(helper, { sid: SM });
      const took = Date.now() - started;
      assert.ok(r.error, 'no success after the deadline');
      assert.strictEqual(r.error.code, 'TIMEOUT');
      assert.ok(took < 2500, `took ${took} ms`);
    });
    it('a Create dripping its answer ends may-have-been-processed', async function () {
      hostile.use('drip', { everyMs: 100 });
      await load('twilio-create', 'api.v2010.Messages', { sid: '', sidType: 'str' }, server(), { timeout: 600, maxRetries: 2 });
      const r = await o.outcome(helper, { payload: { To: TO, From: FROM, Body: 'hi' } });
      assert.strictEqual(r.error.code, 'MAY_HAVE_BEEN_PROCESSED');
      assert.strictEqual(r.msg.twilio.mayHaveBeenProcessed, true);
      assert.strictEqual(hostile.requests.length, 1, 'never sent twice');
    });
  });

  describe('6. paging has a loop guard', function () {
    for (const [mode, text] of [['endlessPaging', /already fetched/], ['emptyPages', /no records/]]) {
      it(`${mode} ends with BAD_RESPONSE and the parts reset`, async function () {
        hostile.use(mode);
        await h.load(o.actionFlow({ url: hostile.url }, 'twilio-query',
          { object: 'api.v2010.Messages', sid: '', sidType: 'str', outputMode: 'record', limit: 0, pageSize: 50, filters: [] }));
        const outs = h.collectUntilQuiet(helper.getNode('out'), 500);
        const caughtLater = h.receive(helper.getNode('caught'), 1, 5000);
        const r = await o.outcome(helper, { payload: 1 });
        const caught = await caughtLater;
        const all = await outs;
        const err = caught.error;
        void r;
        assert.ok(err, 'the query ends with an error');
        assert.strictEqual(err.code, 'BAD_RESPONSE');
        assert.match(err.message, text);
        assert.ok(hostile.requests.length <= 6, `${hostile.requests.length} requests`);
        if (mode === 'endlessPaging') assert.ok(all.some((m) => m.reset === true), 'records already sent are withdrawn');
      });
    }
  });

  describe('7. a 2xx that is not a record is BAD_RESPONSE', function () {
    const bad = ['truncatedJson', 'html', 'empty', 'array', 'string', 'noIdentity'];
    for (const mode of bad) {
      for (const format of ['json', 'xml']) {
        it(`Get, ${mode}, ${format}`, async function () {
          hostile.use(mode);
          await load('twilio-get', 'api.v2010.Messages', { format }, { url: hostile.url }, { maxRetries: 0 });
          const r = await o.outcome(helper, { sid: SM });
          assert.ok(r.error, `no payload from ${mode}: ${r.out && JSON.stringify(r.out.payload)}`);
          assert.strictEqual(r.error.code, 'BAD_RESPONSE');
          assert.match(r.error.message, /Get Message/);
          assert.notStrictEqual(r.msg.twilio.mayHaveBeenProcessed, true);
        });
      }
    }
    for (const mode of ['truncatedJson', 'emptyCreated', 'html']) {
      it(`Create, ${mode}: BAD_RESPONSE flagged may-have-been-processed`, async function () {
        hostile.use(mode);
        await load('twilio-create', 'api.v2010.Messages', { sid: '', sidType: 'str', format: 'xml' }, { url: hostile.url });
        const r = await o.outcome(helper, { payload: { To: TO, From: FROM, Body: 'hi' } });
        assert.strictEqual(r.error.code, 'BAD_RESPONSE');
        assert.strictEqual(r.msg.twilio.mayHaveBeenProcessed, true);
        assert.strictEqual(hostile.requests.length, 1);
      });
    }
    it('Delete answered 200 with a body', async function () {
      hostile.use('bodyOnDelete');
      await load('twilio-delete', 'api.v2010.Calls', {}, { url: hostile.url });
      const r = await o.outcome(helper, { sid: 'CA' + 'c'.repeat(32) });
      assert.strictEqual(r.error.code, 'BAD_RESPONSE');
    });
    it('a query page whose list holds non-records', async function () {
      hostile.use('status', { status: 200, body: { messages: [1, 'x'], next_page_uri: null } });
      await load('twilio-query', 'api.v2010.Messages', { sid: '', sidType: 'str', outputMode: 'page', filters: [] }, { url: hostile.url });
      const r = await o.outcome(helper, { payload: 1 });
      assert.strictEqual(r.error.code, 'BAD_RESPONSE');
    });
  });

  describe('7b. a page whose records are read as they are emitted', function () {
    it('a record that is not JSON mid-page: BAD_RESPONSE, and the records already sent are withdrawn', async function () {
      const good = JSON.stringify({ sid: 'SM' + 'a'.repeat(32), body: 'ok' });
      hostile.use('status', { status: 200, body: `{"messages":[${good},${good},{"sid":"SM${'b'.repeat(32)}","body":tru}],"next_page_uri":null}` });
      await h.load(o.actionFlow({ url: hostile.url }, 'twilio-query',
        { object: 'api.v2010.Messages', sid: '', sidType: 'str', outputMode: 'record', limit: 0, pageSize: 50, filters: [] }));
      const outs = h.collectUntilQuiet(helper.getNode('out'), 500);
      const caughtLater = h.receive(helper.getNode('caught'), 1, 5000);
      await o.outcome(helper, { payload: 1 });
      const caught = await caughtLater;
      const all = await outs;
      assert.strictEqual(caught.error.code, 'BAD_RESPONSE');
      assert.match(caught.error.message, /messages/);
      assert.strictEqual(all.filter((m) => m.payload && m.payload.body === 'ok').length, 2, 'the two records before it went out');
      assert.ok(all.some((m) => m.reset === true), 'and were withdrawn');
    });
  });

  describe('huge answers are not read without bound', function () {
    it('an 8 MB record is read', async function () {
      hostile.use('huge', { bytes: 8 * 1024 * 1024 });
      await load('twilio-get', 'api.v2010.Messages', {}, { url: hostile.url });
      const r = await o.outcome(helper, { sid: SM });
      assert.ok(r.out, r.error && r.error.message);
      assert.strictEqual(r.out.payload.body.length, 8 * 1024 * 1024);
    });
    it('a 40 MB answer to a Create is BAD_RESPONSE, may have been processed, sent once', async function () {
      hostile.use('huge', { bytes: 40 * 1024 * 1024 });
      await load('twilio-create', 'api.v2010.Messages', { sid: '', sidType: 'str' }, { url: hostile.url });
      const r = await o.outcome(helper, { payload: { To: TO, From: FROM, Body: 'hi' } });
      assert.strictEqual(r.error.code, 'BAD_RESPONSE');
      assert.match(r.error.message, /larger than/);
      assert.strictEqual(r.msg.twilio.mayHaveBeenProcessed, true);
      assert.strictEqual(hostile.requests.length, 1);
    });
    it('a redirect is not followed: the flow gets where it points, no request goes there', async function () {
      hostile.use('redirect', { location: 'https://evil.example/steal' });
      await load('twilio-get', 'api.v2010.Messages', {}, { url: hostile.url });
      const r = await o.outcome(helper, { sid: SM });
      assert.strictEqual(hostile.requests.length, 1);
      const result = r.out ? r.out.payload : r.error;
      assert.ok(result);
    });
  });
});

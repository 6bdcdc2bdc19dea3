// Retry safety (docs/architecture.md, "Retries") for Create, Update and Delete against sandbox faults: 429 is retried
// for all three; 5xx, resets and timeouts only for Delete; a Create or Update that may have
// reached Twilio is never sent twice and ends in one MAY_HAVE_BEEN_PROCESSED error.
const assert = require('assert');
const h = require('../support/harness');
const o = require('../support/outbound');

const { helper } = h;
const FROM = '+15005550006';
const TO = '+15558675310';

describe('retry safety (Create, Update, Delete)', function () {
  let sandbox;
  before(async function () { sandbox = await h.startSandbox({ port: 0 }); });
  after(async function () { await sandbox.close(); });
  beforeEach(function (done) { sandbox.reset(); helper.startServer(done); });
  afterEach(async function () { await helper.unload(); await new Promise((r) => helper.stopServer(r)); });

  const load = (type, object, props = {}, account = {}) =>
    h.load(o.actionFlow(sandbox, type, { object, sid: 'sid', sidType: 'msg', ...props }, account));

  /** Sends one message; resolves with every output and caught error once the flow is quiet. */
  async function run(msg, quietMs = 400) {
    const outs = h.collectUntilQuiet(helper.getNode('out'), quietMs);
    const errs = h.collectUntilQuiet(helper.getNode('caught'), quietMs);
    helper.getNode('node').receive(msg);
    const first = await Promise.race([
      new Promise((r) => helper.getNode('out').once('input', r)),
      new Promise((r) => helper.getNode('caught').once('input', r)),
    ]);
    void first;
    return { outs: await outs, errors: await errs };
  }

  const call = () => sandbox.seed(h.ACCOUNT_SID, 'api.v2010.Calls', [{ status: 'in-progress' }])[0];

  describe('429 is retried for every action, after Retry-After', function () {
    it('Create', async function () {
      sandbox.inject({ when: 'before', kind: '429', retryAfter: 1 });
      await load('twilio-create', 'api.v2010.Messages', { sid: '', sidType: 'str' });
      const started = Date.now();
      const { outs, errors } = await run({ payload: { To: TO, From: FROM, Body: 'hi' } });
      assert.deepStrictEqual(errors, []);
      assert.strictEqual(outs.length, 1);
      assert.strictEqual(outs[0].twilio.retried, true);
      assert.ok(Date.now() - started >= 950, 'waited for Retry-After');
      assert.deepStrictEqual(sandbox.log.map((e) => e.status), [429, 201]);
    });

    it('Update', async function () {
      const c = call();
      sandbox.inject({ when: 'before', kind: '429', retryAfter: 0, times: 2 });
      await load('twilio-update', 'api.v2010.Calls');
      const { outs } = await run({ sid: c.sid, payload: { Status: 'completed' } });
      assert.strictEqual(outs[0].payload.status, 'completed');
      assert.deepStrictEqual(sandbox.log.map((e) => e.status), [429, 429, 200]);
    });

    it('Delete', async function () {
      const c = call();
      sandbox.inject({ when: 'before', kind: '429', retryAfter: 0 });
      await load('twilio-delete', 'api.v2010.Calls');
      const { outs } = await run({ sid: c.sid });
      assert.strictEqual(outs[0].twilio.statusCode, 204);
      assert.deepStrictEqual(sandbox.log.map((e) => e.status), [429, 204]);
    });

    it('too many 429s end in one catchable 20429', async function () {
      sandbox.inject({ when: 'before', kind: '429', retryAfter: 0, times: 10 });
      await load('twilio-create', 'api.v2010.Messages', { sid: '', sidType: 'str' }, { maxRetries: 2 });
      const { outs, errors } = await run({ payload: { To: TO, From: FROM, Body: 'hi' } });
      assert.deepStrictEqual(outs, []);
      assert.strictEqual(errors.length, 1);
      assert.strictEqual(errors[0].error.code, 20429);
      assert.strictEqual(sandbox.log.length, 3);
    });
  });

  describe('5xx, resets and timeouts are retried for Delete only', function () {
    for (const kind of ['500', 'reset']) {
      it(`Delete: a ${kind} before processing is retried and the record deleted`, async function () {
        const c = call();
        sandbox.inject({ when: 'before', kind });
        await load('twilio-delete', 'api.v2010.Calls');
        const { outs, errors } = await run({ sid: c.sid, payload: 'kept' });
        assert.deepStrictEqual(errors, []);
        assert.deepStrictEqual([outs[0].twilio.statusCode, outs[0].twilio.retried, outs[0].payload], [204, true, 'kept']);
        assert.deepStrictEqual(sandbox.log.map((e) => e.status), [kind === 'reset' ? 0 : 500, 204]);
      });
    }

    it('Delete: a 500 after processing, then the retry answers 20404: that is success (retried)', async function () {
      const c = call();
      sandbox.inject({ when: 'after', kind: '500', match: { method: 'DELETE' } });
      await load('twilio-delete', 'api.v2010.Calls');
      const { outs, errors } = await run({ sid: c.sid, payload: { keep: true } });
      assert.deepStrictEqual(errors, []);
      assert.strictEqual(outs.length, 1);
      assert.strictEqual(outs[0].twilio.retried, true);
      assert.strictEqual(outs[0].twilio.statusCode, 204);
      assert.strictEqual(outs[0].sid, c.sid);
      assert.deepStrictEqual(outs[0].payload, { keep: true });
      assert.deepStrictEqual(sandbox.log.map((e) => e.status), [500, 404]);
    });

    it('Delete: a timeout is retried (the slow first attempt deleted it; the retry finds it gone)', async function () {
      const c = call();
      sandbox.inject({ when: 'before', kind: 'latency', ms: 800 });
      await load('twilio-delete', 'api.v2010.Calls', {}, { timeout: 300 });
      const { outs, errors } = await run({ sid: c.sid }, 1200);
      assert.deepStrictEqual(errors, []);
      assert.strictEqual(outs.length, 1);
      assert.strictEqual(outs[0].twilio.retried, true);
      assert.ok(sandbox.log.length >= 2);
    });

    it('a first 20404 (no retry) is still an error', async function () {
      await load('twilio-delete', 'api.v2010.Calls');
      const { outs, errors } = await run({ sid: 'CA' + '9'.repeat(32) });
      assert.deepStrictEqual(outs, []);
      assert.strictEqual(errors[0].error.code, 20404);
    });
  });

  describe('a Create or Update that may have reached Twilio is never sent twice', function () {
    it('Create failed with 500 after processing: one request, one MAY_HAVE_BEEN_PROCESSED error, the record exists', async function () {
      sandbox.inject({ when: 'after', kind: '500', match: { method: 'POST' } });
      await load('twilio-create', 'api.v2010.Calls', { sid: '', sidType: 'str', errorOutput: false });
      const { outs, errors } = await run({ payload: { To: TO, From: FROM, Url: 'https://example.com/t' } }, 800);
      assert.strictEqual(sandbox.log.length, 1, 'the sandbox received exactly one request');
      assert.deepStrictEqual(outs, []);
      assert.strictEqual(errors.length, 1);
      assert.strictEqual(errors[0].error.code, 'MAY_HAVE_BEEN_PROCESSED');
      assert.match(errors[0].error.message, /may have been/i);
      const calls = await o.fetchRecord(sandbox, o.api('/Calls.json'));
      assert.strictEqual(calls.body.calls.length, 1, 'the call was placed once');
    });

    it('with error responses on, that 500 (Twilio answered) leaves output 2, flagged as maybe processed', async function () {
      sandbox.inject({ when: 'after', kind: '500', match: { method: 'POST' } });
      await load('twilio-create', 'api.v2010.Calls', { sid: '', sidType: 'str', errorOutput: true });
      const second = h.receive(helper.getNode('err'));
      const outs = h.collectUntilQuiet(helper.getNode('out'), 800);
      const errors = h.collectUntilQuiet(helper.getNode('caught'), 800);
      helper.getNode('node').receive({ payload: { To: TO, From: FROM, Url: 'https://example.com/t' } });
      const msg = await second;
      assert.deepStrictEqual(await outs, []);
      assert.deepStrictEqual(await errors, []);
      assert.strictEqual(sandbox.log.length, 1, 'sent once');
      assert.strictEqual(msg.applicationStatusCode, 500);
      assert.strictEqual(msg.twilio.mayHaveBeenProcessed, true);
      assert.strictEqual(msg.twilio.error.status, 500);
    });

    it('Create failed with 500 before processing is not retried either (Twilio cannot be asked)', async function () {
      sandbox.inject({ when: 'before', kind: '500' });
      await load('twilio-create', 'api.v2010.Messages', { sid: '', sidType: 'str' });
      const { errors } = await run({ payload: { To: TO, From: FROM, Body: 'hi' } });
      assert.strictEqual(sandbox.log.length, 1);
      assert.strictEqual(errors.length, 1);
      assert.strictEqual(errors[0].error.code, 'MAY_HAVE_BEEN_PROCESSED');
    });

    it('Update reset after processing: one request, one MAY_HAVE_BEEN_PROCESSED error, the record changed', async function () {
      const c = call();
      sandbox.inject({ when: 'after', kind: 'reset' });
      await load('twilio-update', 'api.v2010.Calls');
      const { outs, errors } = await run({ sid: c.sid, payload: { Status: 'completed' } }, 800);
      assert.strictEqual(sandbox.log.length, 1);
      assert.deepStrictEqual(outs, []);
      assert.strictEqual(errors.length, 1);
      assert.strictEqual(errors[0].error.code, 'MAY_HAVE_BEEN_PROCESSED');
      assert.strictEqual((await o.fetchRecord(sandbox, o.api(`/Calls/${c.sid}.json`))).body.status, 'completed');
    });

    it('Update timed out: one request, one MAY_HAVE_BEEN_PROCESSED error', async function () {
      const c = call();
      sandbox.inject({ when: 'after', kind: 'hang' });
      await load('twilio-update', 'api.v2010.Calls', {}, { timeout: 300 });
      const { outs, errors } = await run({ sid: c.sid, payload: { Status: 'completed' } }, 800);
      assert.strictEqual(sandbox.log.length, 1);
      assert.deepStrictEqual(outs, []);
      assert.strictEqual(errors.length, 1);
      assert.strictEqual(errors[0].error.code, 'MAY_HAVE_BEEN_PROCESSED');
    });
  });
});

// What a user sees of an action node while it works and when it fails: the status under the node
// (in flight / queued counts, retrying, a short red reason, "no credentials" at deploy) and an
// error that reads as a line of text in the debug sidebar while msg.error.code stays for catch nodes.
const assert = require('assert');
const h = require('../support/harness');
const o = require('../support/outbound');

const { helper } = h;
const TO = '+15558675310';
const FROM = '+15005550006';

/** The status texts a node showed, in order ('' for a cleared status). */
function statusTexts(node) {
  return node.status.args.map(([s]) => (s && s.text) || '');
}

describe('action node status and errors as a user sees them', function () {
  let sandbox;
  before(async function () { sandbox = await h.startCheckedSandbox(); });
  after(async function () { await sandbox.close(); });
  beforeEach(function (done) {
    sandbox.reset();
    sandbox.clearLog();
    helper.startServer(done);
  });
  afterEach(async function () { await helper.unload(); await new Promise((r) => helper.stopServer(r)); });

  describe('in flight and queued', function () {
    it('one slow message: queued, then in flight until it ends, never queued again', async function () {
      await h.load(o.actionFlow(sandbox, 'twilio-create', { object: 'api.v2010.Messages' }));
      sandbox.inject({ when: 'before', kind: 'latency', ms: 300 });
      const node = helper.getNode('node');
      const res = await o.outcome(helper, { payload: { To: TO, From: FROM, Body: 'slow' } });
      assert.ok(res.out, JSON.stringify(res.error));
      await h.until(() => statusTexts(node).slice(-1)[0] === '');
      assert.deepStrictEqual(statusTexts(node), ['0 in flight, 1 queued', '1 in flight, 0 queued', '']);
    });

    it('two concurrent messages: both in flight; when the first request ends, still none queued', async function () {
      await h.load(o.actionFlow(sandbox, 'twilio-create', { object: 'api.v2010.Messages' }));
      // each state lasts several of the status's redraw intervals (STATUS_EVERY_MS)
      sandbox.inject({ when: 'before', kind: 'latency', ms: 800 });
      sandbox.inject({ when: 'before', kind: 'latency', ms: 400 });
      const node = helper.getNode('node');
      const outs = h.receive(helper.getNode('out'), 2);
      node.receive({ payload: { To: TO, From: FROM, Body: 'one' } });
      node.receive({ payload: { To: TO, From: FROM, Body: 'two' } });
      await outs;
      await h.until(() => statusTexts(node).slice(-1)[0] === '');
      const texts = statusTexts(node);
      const both = texts.indexOf('2 in flight, 0 queued');
      assert.ok(both >= 0, `never both in flight: ${JSON.stringify(texts)}`);
      assert.deepStrictEqual(texts.slice(both), ['2 in flight, 0 queued', '1 in flight, 0 queued', '']);
    });

    it('a 429 shows "retrying (429) in 1 s", then the message is in flight again', async function () {
      await h.load(o.actionFlow(sandbox, 'twilio-create', { object: 'api.v2010.Messages' }));
      sandbox.inject({ when: 'before', kind: '429', retryAfter: 1 });
      sandbox.inject({ when: 'before', kind: 'latency', ms: 300 });
      const node = helper.getNode('node');
      const res = await o.outcome(helper, { payload: { To: TO, From: FROM, Body: 'retried' } });
      assert.ok(res.out, JSON.stringify(res.error));
      await h.until(() => statusTexts(node).slice(-1)[0] === '');
      // The first attempt's few milliseconds in flight fall inside one redraw interval: the
      // status goes from queued straight to retrying.
      assert.deepStrictEqual(statusTexts(node),
        ['0 in flight, 1 queued', 'retrying (429) in 1 s', '1 in flight, 0 queued', '']);
    });

    it('a stream of fast messages redraws the status at most every 100 ms, and ends cleared', async function () {
      const { STATUS_EVERY_MS } = require('../../dist/nodes/runtime/node-status.js');
      await h.load(o.actionFlow(sandbox, 'twilio-create', { object: 'api.v2010.Messages' }));
      const node = helper.getNode('node');
      const started = Date.now();
      for (let i = 0; i < 150; i++) {
        const res = await o.outcome(helper, { payload: { To: TO, From: FROM, Body: `fast ${i}` } });
        assert.ok(res.out, JSON.stringify(res.error));
      }
      const elapsed = Date.now() - started;
      await h.until(() => statusTexts(node).slice(-1)[0] === '');
      const redraws = node.status.callCount;
      assert.ok(redraws <= 2 * Math.ceil(elapsed / STATUS_EVERY_MS) + 2, `${redraws} redraws for 150 messages in ${elapsed} ms`);
      assert.ok(redraws < 150, `${redraws} redraws for 150 messages`);
    });
  });

  describe('a failed message: a short status, the full text in the error', function () {
    const cases = [
      { name: 'a bad Sid', type: 'twilio-get', props: { object: 'api.v2010.Messages', sid: 'nope', sidType: 'str' },
        msg: {}, status: 'invalid Sid', code: 'INVALID_SID_CHAIN', message: /"nope"/ },
      { name: 'a missing To', type: 'twilio-create', props: { object: 'api.v2010.Messages' },
        msg: { payload: { From: FROM, Body: 'hi' } }, status: 'missing To', code: 'MISSING_PARAMETER', message: /Parameter "To" is required by Create Message/ },
      { name: 'a record Twilio does not have', type: 'twilio-get', props: { object: 'api.v2010.Messages', sid: 'SM' + '0'.repeat(32), sidType: 'str' },
        msg: {}, status: '404 not found', code: 20404, message: /not found/i },
    ];
    for (const c of cases) {
      it(`${c.name}: status "${c.status}", msg.error.code ${c.code}, no stack`, async function () {
        await h.load(o.actionFlow(sandbox, c.type, c.props));
        const node = helper.getNode('node');
        const res = await o.outcome(helper, c.msg);
        assert.ok(res.error, 'caught');
        assert.strictEqual(res.error.code, c.code);
        assert.match(res.error.message, c.message);
        assert.ok(!('stack' in res.error), 'no stack (install paths) on msg.error');
        await h.until(() => statusTexts(node).slice(-1)[0] !== '' && !/in flight/.test(statusTexts(node).slice(-1)[0]));
        const last = node.status.lastCall.args[0];
        assert.deepStrictEqual(last, { fill: 'red', shape: 'ring', text: c.status });
        assert.ok(last.text.length <= 40);
      });
    }

    it('an uncaught error reaches the debug sidebar as text, as core nodes\' errors do', async function () {
      const flow = o.actionFlow(sandbox, 'twilio-get', { object: 'api.v2010.Messages', sid: 'nope', sidType: 'str' })
        .filter((n) => n.type !== 'catch');
      await h.load(flow);
      helper.getNode('node').receive({});
      await h.until(() => helper.log().args.some(([e]) => e.level === helper.log().ERROR && e.id === 'node'));
      const entry = helper.log().args.map(([e]) => e).find((e) => e.level === helper.log().ERROR && e.id === 'node');
      // What the debug node publishes to the sidebar for a log entry (21-debug.js sendDebug).
      const RED = require('node-red');
      const shown = RED.util.encodeObject({ ...entry });
      assert.strictEqual(typeof shown.msg, 'string');
      assert.notStrictEqual(shown.format, 'error');
      assert.match(shown.msg, /^"nope" is not a valid MessageSid/);
      assert.doesNotMatch(shown.msg, /stack|node_modules|TwilioNodeError/);
    });
  });

  describe('credentials', function () {
    it('at deploy, a node whose account has no Auth Token shows "no credentials" before any message', async function () {
      await h.load(o.actionFlow(sandbox, 'twilio-get', { object: 'api.v2010.Messages', sid: 'SM' + '0'.repeat(32) }),
        { acc: { accountSid: h.ACCOUNT_SID } });
      const node = helper.getNode('node');
      assert.deepStrictEqual(node.status.lastCall && node.status.lastCall.args[0], { fill: 'red', shape: 'ring', text: 'no credentials' });
      const res = await o.outcome(helper, {});
      assert.strictEqual(res.error.code, 'MISSING_CREDENTIALS');
      assert.match(res.error.message, /no Auth Token/);
      assert.deepStrictEqual(sandbox.log, [], 'nothing sent');
    });

    it('a node whose account has an Account SID and Auth Token shows no status at deploy', async function () {
      await h.load(o.actionFlow(sandbox, 'twilio-get', { object: 'api.v2010.Messages', sid: 'SM' + '0'.repeat(32) }));
      assert.strictEqual(helper.getNode('node').status.callCount, 0);
    });
  });
});

// twilio-update and twilio-delete end to end against the sandbox over real HTTP: the common
// cases, then every Update and Delete in the catalog.
const assert = require('assert');
const h = require('../support/harness');
const o = require('../support/outbound');

const { helper } = h;

describe('twilio-update and twilio-delete', function () {
  let sandbox;
  h.checkedSandboxPerSuite((sb) => { sandbox = sb; });

  const load = (type, object, props = {}) => h.load(o.actionFlow(sandbox, type, { object, sid: 'sid', sidType: 'msg', ...props }));

  async function ok(msg) {
    const r = await o.outcome(helper, msg);
    if (r.error) throw new Error(`unexpected error ${r.error.code}: ${r.error.message}`);
    return r.out;
  }

  function subaccount(name = 'tenant') {
    return sandbox.seed(h.ACCOUNT_SID, 'api.v2010.Accounts', [{ friendly_name: name, status: 'active' }])[0];
  }

  function participants(conf, labels = ['alice'], account = h.ACCOUNT_SID) {
    return sandbox.seed(account, 'api.v2010.Conferences.Participants',
      labels.map((label) => ({ label, muted: false, hold: false, status: 'connected' })), [conf]);
  }

  describe('update', function () {
    it('renames an account and closes a subaccount (Status=closed)', async function () {
      const sub = subaccount('old name');
      await load('twilio-update', 'api.v2010.Accounts');
      const renamed = await ok({ sid: sub.sid, payload: { FriendlyName: 'new name' } });
      assert.strictEqual(renamed.payload.friendly_name, 'new name');
      assert.strictEqual(renamed.sid, sub.sid);
      assert.strictEqual(renamed.twilio.statusCode, 200);
      assert.strictEqual(renamed.twilio.action, 'update');
      const closed = await ok({ sid: sub.sid, payload: { Status: 'closed' } });
      assert.strictEqual(closed.payload.status, 'closed');
      assert.deepStrictEqual(sandbox.log.map((e) => [e.method, e.path, e.form]), [
        ['POST', `/2010-04-01/Accounts/${sub.sid}.json`, { FriendlyName: 'new name' }],
        ['POST', `/2010-04-01/Accounts/${sub.sid}.json`, { Status: 'closed' }],
      ]);
      const stored = await o.fetchRecord(sandbox, `/2010-04-01/Accounts/${sub.sid}.json`);
      assert.deepStrictEqual([stored.body.friendly_name, stored.body.status], ['new name', 'closed']);
    });

    it('redirects a call (Url, then Twiml) and ends it (Status=completed)', async function () {
      const [call] = sandbox.seed(h.ACCOUNT_SID, 'api.v2010.Calls', [{ status: 'in-progress' }]);
      await load('twilio-update', 'api.v2010.Calls');
      await ok({ sid: call.sid, payload: { Url: 'https://example.com/next', Method: 'GET' } });
      await ok({ sid: call.sid, payload: { Twiml: '<Response><Hangup/></Response>' } });
      const ended = await ok({ sid: call.sid, payload: { Status: 'completed' } });
      assert.strictEqual(ended.payload.status, 'completed');
      assert.deepStrictEqual(sandbox.log.map((e) => e.form), [
        { Url: 'https://example.com/next', Method: 'GET' }, { Twiml: '<Response><Hangup/></Response>' }, { Status: 'completed' },
      ]);
      assert.strictEqual((await o.fetchRecord(sandbox, o.api(`/Calls/${call.sid}.json`))).body.status, 'completed');
    });

    it('mutes and holds a participant addressed by ConferenceSid:CallSid', async function () {
      const conf = 'CF' + 'd'.repeat(32);
      const [p] = participants(conf);
      await load('twilio-update', 'api.v2010.Conferences.Participants');
      const chain = `${conf}:${p.call_sid}`;
      const msg = await ok({ sid: chain, payload: { Muted: true, Hold: 'true', HoldUrl: 'https://example.com/hold' } });
      assert.strictEqual(msg.sid, chain);
      assert.strictEqual(msg.twilio.sid, p.call_sid);
      assert.deepStrictEqual(sandbox.log[0].form, { Muted: 'true', Hold: 'true', HoldUrl: 'https://example.com/hold' });
      assert.strictEqual(sandbox.log[0].path, o.api(`/Conferences/${conf}/Participants/${p.call_sid}.json`));
      const stored = await o.fetchRecord(sandbox, o.api(`/Conferences/${conf}/Participants/${p.call_sid}.json`));
      assert.deepStrictEqual([stored.body.muted, stored.body.hold], [true, true]);
    });

    it('redacts a message (Body="") and cancels one (Status=canceled)', async function () {
      const [sent, queued] = sandbox.seed(h.ACCOUNT_SID, 'api.v2010.Messages', [{ body: 'secret', status: 'delivered' }, { body: 'later', status: 'scheduled' }]);
      await load('twilio-update', 'api.v2010.Messages');
      const redacted = await ok({ sid: sent.sid, payload: { Body: '' } });
      assert.strictEqual(redacted.payload.body, '');
      const canceled = await ok({ sid: queued.sid, payload: '<Message><Status>canceled</Status></Message>' });
      assert.strictEqual(canceled.payload.status, 'canceled');
      assert.deepStrictEqual(sandbox.log.map((e) => e.rawBody), ['Body=', 'Status=canceled']);
      assert.strictEqual((await o.fetchRecord(sandbox, o.api(`/Messages/${sent.sid}.json`))).body.body, '');
    });

    it('updates a record of a subaccount: AccountSid:Sid', async function () {
      const sub = subaccount();
      const [call] = sandbox.seed(sub.sid, 'api.v2010.Calls', [{ status: 'in-progress' }]);
      await load('twilio-update', 'api.v2010.Calls', { requestType: 'none', params: [{ name: 'Status', value: 'completed', valueType: 'str' }] });
      const msg = await ok({ sid: `${sub.sid}:${call.sid}`, payload: 'kept out of the request' });
      assert.strictEqual(msg.sid, `${sub.sid}:${call.sid}`);
      assert.strictEqual(msg.twilio.accountSid, sub.sid);
      assert.strictEqual(sandbox.log[0].path, o.api(`/Calls/${call.sid}.json`, sub.sid));
    });

    it('a missing record is a catchable 20404', async function () {
      await load('twilio-update', 'api.v2010.Calls', { requestType: 'none', params: [{ name: 'Status', value: 'completed', valueType: 'str' }] });
      const r = await o.outcome(helper, { sid: 'CA' + '0'.repeat(32) });
      assert.strictEqual(r.error.code, 20404);
    });

    it('every Update in the catalog: a seeded record, generated parameters, 2xx and the same chain back', async function () {
      this.timeout(20000);
      const ops = o.operations('update');
      assert.ok(ops.length >= 25, `${ops.length} updates`);
      const flow = [h.account(sandbox), { id: 'caught', type: 'helper' }, { id: 'out', type: 'helper' },
        { id: 'catcher', type: 'catch', scope: null, uncaught: false, wires: [['caught']] }];
      ops.forEach((e, i) => flow.push({
        id: `u${i}`, type: 'twilio-update', account: 'acc', object: e.id, sid: 'sid', sidType: 'msg',
        request: 'payload', requestType: 'msg', params: [], format: 'json', dates: 'rfc2822', fields: [], wires: [['out']],
      }));
      await h.load(flow);
      const outs = h.collectUntilQuiet(helper.getNode('out'), 1500);
      const errs = h.collectUntilQuiet(helper.getNode('caught'), 1500);
      const expected = new Map();
      ops.forEach((e, i) => {
        const parents = e.op.chain.slice(0, -1).map((p) => o.chainValue(p));
        const identity = o.schemaOf(e.op).identity;
        const chain = e.op.chain.length === 0 ? [] : [...parents, String(sandbox.seed(h.ACCOUNT_SID, e.id, [{}], parents)[0][identity])];
        expected.set(e.id, chain.join(':'));
        helper.getNode(`u${i}`).receive({ topic: e.id, sid: chain.join(':'), payload: o.sampleDocument(e.op) });
      });
      const [got, errors] = await Promise.all([outs, errs]);
      assert.deepStrictEqual(errors.map((m) => `${m.topic}: ${m.error.code} ${m.error.message}`), []);
      assert.strictEqual(got.length, ops.length);
      for (const msg of got) {
        const e = ops.find((x) => x.id === msg.topic);
        assert.strictEqual(msg.twilio.statusCode, e.op.status, e.id);
        assert.strictEqual(msg.sid, expected.get(e.id), e.id);
      }
    });
  });

  describe('delete', function () {
    function expectDeleted(msg, chain, payload) {
      assert.strictEqual(msg.sid, chain);
      assert.strictEqual(msg.twilio.chain, chain);
      assert.strictEqual(msg.twilio.statusCode, 204);
      assert.strictEqual(msg.twilio.action, 'delete');
      assert.deepStrictEqual(msg.payload, payload, 'the input payload is kept');
    }

    it('removes a participant: ConferenceSid:CallSid; the record is gone', async function () {
      const conf = 'CF' + 'e'.repeat(32);
      const [alice, bob] = participants(conf, ['alice', 'bob']);
      await load('twilio-delete', 'api.v2010.Conferences.Participants');
      const chain = `${conf}:${alice.call_sid}`;
      const msg = await ok({ sid: chain, payload: { why: 'kicked' } });
      expectDeleted(msg, chain, { why: 'kicked' });
      assert.deepStrictEqual(sandbox.log.map((e) => [e.method, e.path, e.status]), [
        ['DELETE', o.api(`/Conferences/${conf}/Participants/${alice.call_sid}.json`), 204],
      ]);
      assert.strictEqual((await o.fetchRecord(sandbox, o.api(`/Conferences/${conf}/Participants/${alice.call_sid}.json`))).status, 404);
      assert.strictEqual((await o.fetchRecord(sandbox, o.api(`/Conferences/${conf}/Participants/${bob.call_sid}.json`))).status, 200);
    });

    it('deletes a call recording: CallSid:RecordingSid', async function () {
      const [call] = sandbox.seed(h.ACCOUNT_SID, 'api.v2010.Calls', [{}]);
      const [rec] = sandbox.seed(h.ACCOUNT_SID, 'api.v2010.Calls.Recordings', [{}], [call.sid]);
      await load('twilio-delete', 'api.v2010.Calls.Recordings');
      const chain = `${call.sid}:${rec.sid}`;
      expectDeleted(await ok({ sid: chain, payload: 'x' }), chain, 'x');
      assert.strictEqual((await o.fetchRecord(sandbox, o.api(`/Calls/${call.sid}/Recordings/${rec.sid}.json`))).status, 404);
    });

    it("deletes a subaccount's record: AccountSid:ConferenceSid:CallSid", async function () {
      const sub = subaccount();
      const conf = 'CF' + 'f'.repeat(32);
      const [p] = participants(conf, ['alice'], sub.sid);
      await load('twilio-delete', 'api.v2010.Conferences.Participants');
      const chain = `${sub.sid}:${conf}:${p.call_sid}`;
      const msg = await ok({ sid: chain, payload: 42 });
      expectDeleted(msg, chain, 42);
      assert.strictEqual(msg.twilio.accountSid, sub.sid);
      assert.strictEqual(sandbox.log[0].path, o.api(`/Conferences/${conf}/Participants/${p.call_sid}.json`, sub.sid));
      assert.strictEqual((await o.fetchRecord(sandbox, o.api(`/Conferences/${conf}/Participants/${p.call_sid}.json`, sub.sid))).status, 404);
    });

    it('deleting what is not there is a catchable 20404 (no retry happened)', async function () {
      await load('twilio-delete', 'api.v2010.Messages');
      const r = await o.outcome(helper, { sid: 'SM' + '0'.repeat(32) });
      assert.strictEqual(r.error.code, 20404);
      assert.strictEqual(sandbox.log.length, 1);
    });

    it('every Delete in the catalog: a seeded record is deleted, 204, the input payload kept, the record gone', async function () {
      this.timeout(20000);
      const ops = o.operations('delete');
      assert.ok(ops.length >= 30, `${ops.length} deletes`);
      const flow = [h.account(sandbox), { id: 'caught', type: 'helper' }, { id: 'out', type: 'helper' },
        { id: 'catcher', type: 'catch', scope: null, uncaught: false, wires: [['caught']] }];
      ops.forEach((e, i) => flow.push({
        id: `d${i}`, type: 'twilio-delete', account: 'acc', object: e.id, sid: 'sid', sidType: 'msg', format: 'json', wires: [['out']],
      }));
      await h.load(flow);
      const outs = h.collectUntilQuiet(helper.getNode('out'), 1500);
      const errs = h.collectUntilQuiet(helper.getNode('caught'), 1500);
      const expected = new Map();
      ops.forEach((e, i) => {
        const parents = e.op.chain.slice(0, -1).map((p) => o.chainValue(p));
        const instance = e.obj.actions.get || e.obj.actions.update;
        const schema = instance ? o.schemaOf(instance) : undefined;
        const [rec] = sandbox.seed(h.ACCOUNT_SID, e.id, [{}], parents);
        const chain = [...parents, String(rec[schema ? schema.identity : 'sid'])].join(':');
        expected.set(e.id, chain);
        helper.getNode(`d${i}`).receive({ topic: e.id, sid: chain, payload: { keep: e.id } });
      });
      const [got, errors] = await Promise.all([outs, errs]);
      assert.deepStrictEqual(errors.map((m) => `${m.topic}: ${m.error.code} ${m.error.message}`), []);
      assert.strictEqual(got.length, ops.length);
      for (const msg of got) {
        assert.strictEqual(msg.twilio.statusCode, 204, msg.topic);
        assert.strictEqual(msg.sid, expected.get(msg.topic), msg.topic);
        assert.deepStrictEqual(msg.payload, { keep: msg.topic });
      }
      const deletes = sandbox.log.filter((l) => l.method === 'DELETE');
      assert.strictEqual(deletes.length, ops.length);
      // gone: a second pass of the same requests answers 404 for every one
      for (const d of deletes) {
        const again = await fetch(sandbox.url + d.path, {
          method: 'DELETE', headers: { Authorization: 'Basic ' + Buffer.from(`${h.ACCOUNT_SID}:${h.AUTH_TOKEN}`).toString('base64') },
        });
        assert.strictEqual(again.status, 404, d.path);
      }
    });
  });
});

// twilio-create end to end against the sandbox over real HTTP: what Twilio users create most,
// then every Create in the catalog.
const assert = require('assert');
const h = require('../support/harness');
const o = require('../support/outbound');

const { helper } = h;
const SENDER = '+15005550006';

describe('twilio-create', function () {
  let sandbox;
  h.checkedSandboxPerSuite((sb) => { sandbox = sb; });

  const create = (object, props = {}) => h.load(o.actionFlow(sandbox, 'twilio-create', { object, ...props }));

  async function created(msg) {
    const r = await o.outcome(helper, msg);
    if (r.error) throw new Error(`unexpected error ${r.error.code}: ${r.error.message}`);
    return r.out;
  }

  it('blank rows the editor pre-adds are not sent; a JSON "" row is', async function () {
    await create('api.v2010.Calls', {
      params: [
        { name: 'To', value: '', valueType: 'str' }, { name: 'From', value: '', valueType: 'str' },
        { name: 'Url', value: '', valueType: 'str' }, { name: 'CallerId', value: '""', valueType: 'json' },
      ],
    });
    await created({ payload: { To: '+15558675310', From: SENDER, Twiml: '<Response><Say>hi</Say></Response>' } });
    assert.deepStrictEqual(sandbox.log[0].form, { To: '+15558675310', From: SENDER, Twiml: '<Response><Say>hi</Say></Response>', CallerId: '' });
  });

  it('sends an SMS: a formatted To is normalised, msg.sid is the new Sid, the record exists', async function () {
    await create('api.v2010.Messages');
    const msg = await created({ payload: { To: '+1 (555) 867-5310', From: SENDER, Body: 'Hello' }, sid: 'SM-left-over' });
    assert.match(msg.sid, /^SM[0-9a-f]{32}$/);
    assert.strictEqual(msg.payload.sid, msg.sid);
    assert.deepStrictEqual(msg.twilio, {
      object: 'api.v2010.Messages', action: 'create', sid: msg.sid, chain: msg.sid, accountSid: h.ACCOUNT_SID, statusCode: 201,
    });
    assert.strictEqual(sandbox.log.length, 1);
    assert.deepStrictEqual(sandbox.log[0].form, { To: '+15558675310', From: SENDER, Body: 'Hello' });
    assert.strictEqual(sandbox.log[0].path, o.api('/Messages.json'));
    const stored = await o.fetchRecord(sandbox, o.api(`/Messages/${msg.sid}.json`));
    assert.strictEqual(stored.status, 200);
    assert.strictEqual(stored.body.body, 'Hello');
    assert.strictEqual(stored.body.to, '+15558675310');
  });

  it('sends an MMS: MediaUrl as an array becomes repeated form keys', async function () {
    await create('api.v2010.Messages');
    const media = ['https://example.com/a.png', 'https://example.com/b.png'];
    const msg = await created({ payload: { To: '+15558675310', From: SENDER, MediaUrl: media } });
    assert.match(msg.sid, /^(SM|MM)[0-9a-f]{32}$/);
    assert.deepStrictEqual(sandbox.log[0].form.MediaUrl, media);
    assert.match(sandbox.log[0].rawBody, /MediaUrl=https%3A%2F%2Fexample.com%2Fa.png&MediaUrl=https%3A%2F%2Fexample.com%2Fb.png/);
  });

  it('sends a WhatsApp message: whatsapp:+… and other address forms pass through untouched', async function () {
    await create('api.v2010.Messages');
    await created({ payload: { To: 'whatsapp:+15558675310', From: 'whatsapp:+15005550006', Body: 'hi' } });
    await created({ payload: { To: '+15558675310', From: 'MyBrand', Body: 'alphanumeric sender' } });
    await created({ payload: { To: '+15558675310', From: '12345', Body: 'short code' } });
    assert.deepStrictEqual(sandbox.log.map((e) => [e.form.To, e.form.From]), [
      ['whatsapp:+15558675310', 'whatsapp:+15005550006'], ['+15558675310', 'MyBrand'], ['+15558675310', '12345'],
    ]);
  });

  for (const [how, extra] of [
    ['Url', { Url: 'https://example.com/twiml' }],
    ['Twiml', { Twiml: '<Response><Say>Hello from Node-RED</Say></Response>' }],
    ['ApplicationSid', { ApplicationSid: 'AP' + 'b'.repeat(32) }],
  ]) {
    it(`places a call with ${how}`, async function () {
      await create('api.v2010.Calls');
      const msg = await created({ payload: { To: 'client:alice', From: SENDER, ...extra } });
      assert.match(msg.sid, /^CA[0-9a-f]{32}$/);
      assert.deepStrictEqual(sandbox.log[0].form, { To: 'client:alice', From: SENDER, ...extra });
      assert.strictEqual((await o.fetchRecord(sandbox, o.api(`/Calls/${msg.sid}.json`))).status, 200);
    });
  }

  it('creates a subaccount; a record created with an AccountSid: prefix lands in it', async function () {
    await create('api.v2010.Accounts');
    const msg = await created({ payload: { FriendlyName: 'tenant 1' } });
    assert.match(msg.sid, /^AC[0-9a-f]{32}$/);
    assert.strictEqual(msg.payload.owner_account_sid, h.ACCOUNT_SID);
    assert.strictEqual(sandbox.log[0].path, '/2010-04-01/Accounts.json');
    const stored = await o.fetchRecord(sandbox, `/2010-04-01/Accounts/${msg.sid}.json`);
    assert.strictEqual(stored.body.friendly_name, 'tenant 1');

    await helper.unload();
    await create('api.v2010.Messages', { sid: 'sid', sidType: 'msg' });
    const sub = msg.sid;
    const sms = await created({ sid: sub, payload: { To: '+15558675310', From: SENDER, Body: 'from the subaccount' } });
    assert.match(sms.sid, new RegExp(`^${sub}:SM[0-9a-f]{32}$`));
    assert.strictEqual(sms.twilio.accountSid, sub);
    const smsSid = sms.sid.split(':')[1];
    assert.strictEqual((await o.fetchRecord(sandbox, o.api(`/Messages/${smsSid}.json`, sub))).body.account_sid, sub);
  });

  it('adds a conference participant: the chain is the ConferenceSid, msg.sid is ConferenceSid:CallSid', async function () {
    const conf = 'CF' + 'c'.repeat(32);
    await create('api.v2010.Conferences.Participants', { sid: 'sid', sidType: 'msg' });
    const msg = await created({ sid: conf, payload: { From: SENDER, To: '+15558675310', Muted: true } });
    assert.match(msg.sid, new RegExp(`^${conf}:CA[0-9a-f]{32}$`));
    assert.strictEqual(msg.twilio.chain, msg.sid);
    assert.strictEqual(sandbox.log[0].path, o.api(`/Conferences/${conf}/Participants.json`));
    assert.strictEqual(sandbox.log[0].form.Muted, 'true');
    const [, callSid] = msg.sid.split(':');
    const stored = await o.fetchRecord(sandbox, o.api(`/Conferences/${conf}/Participants/${callSid}.json`));
    assert.strictEqual(stored.body.muted, true);
  });

  it('starts a call recording: the chain is the CallSid, msg.sid is CallSid:RecordingSid', async function () {
    const [call] = sandbox.seed(h.ACCOUNT_SID, 'api.v2010.Calls', [{ status: 'in-progress' }]);
    await create('api.v2010.Calls.Recordings', { sid: 'sid', sidType: 'msg', requestType: 'none', params: [{ name: 'RecordingChannels', value: 'dual', valueType: 'str' }] });
    const msg = await created({ sid: call.sid, payload: 'ignored: the request is none' });
    assert.match(msg.sid, new RegExp(`^${call.sid}:RE[0-9a-f]{32}$`));
    assert.deepStrictEqual(sandbox.log[0].form, { RecordingChannels: 'dual' });
    const [, re] = msg.sid.split(':');
    assert.strictEqual((await o.fetchRecord(sandbox, o.api(`/Calls/${call.sid}/Recordings/${re}.json`))).status, 200);
  });

  it('creates an API key: the secret is returned once and authenticates', async function () {
    await create('api.v2010.Keys');
    const msg = await created({ payload: { FriendlyName: 'ci key' } });
    assert.match(msg.sid, /^SK[0-9a-f]{32}$/);
    assert.ok(typeof msg.payload.secret === 'string' && msg.payload.secret.length >= 32);
    const withKey = await o.fetchRecord(sandbox, o.api('/Calls.json'), msg.sid, msg.payload.secret);
    assert.strictEqual(withKey.status, 200);
    const again = await o.fetchRecord(sandbox, o.api(`/Keys/${msg.sid}.json`));
    assert.strictEqual(again.body.secret, undefined, 'the secret is shown only once');
  });

  it('static parameters fill what the document leaves out; the document wins', async function () {
    await create('api.v2010.Messages', {
      params: [
        { name: 'From', value: SENDER, valueType: 'str' },
        { name: 'Body', value: 'default body', valueType: 'str' },
        { name: 'To', value: 'to', valueType: 'msg' },
      ],
    });
    await created({ to: '+15558675310', payload: { Body: 'from the document' } });
    assert.deepStrictEqual(sandbox.log[0].form, { To: '+15558675310', From: SENDER, Body: 'from the document' });
  });

  it('XML output: the new record as <TwilioResponse><Message>', async function () {
    await create('api.v2010.Messages', { format: 'xml' });
    const msg = await created({ payload: { To: '+15558675310', From: SENDER, Body: 'x' } });
    assert.match(msg.payload, /^<TwilioResponse><Message><.*<Sid>SM[0-9a-f]{32}<\/Sid>/s);
    assert.match(msg.sid, /^SM[0-9a-f]{32}$/);
  });

  it('every Create in the catalog: generated required parameters answer 2xx, msg.sid is the new chain', async function () {
    this.timeout(20000);
    const ops = o.operations('create');
    assert.ok(ops.length >= 30, `${ops.length} creates`);
    const flow = [h.account(sandbox), { id: 'caught', type: 'helper' }, { id: 'out', type: 'helper' },
      { id: 'catcher', type: 'catch', scope: null, uncaught: false, wires: [['caught']] }];
    ops.forEach((e, i) => flow.push({
      id: `c${i}`, type: 'twilio-create', account: 'acc', object: e.id, sid: 'sid', sidType: 'msg',
      request: 'payload', requestType: 'msg', params: [], format: 'json', dates: 'rfc2822', fields: [], wires: [['out']],
    }));
    await h.load(flow);
    const failures = [];
    const outs = h.collectUntilQuiet(helper.getNode('out'), 1500);
    const errs = h.collectUntilQuiet(helper.getNode('caught'), 1500);
    const sent = ops.map((e, i) => {
      const parents = e.op.chain.map((p) => o.chainValue(p));
      const msg = { topic: e.id, sid: parents.join(':'), payload: o.sampleDocument(e.op), parents };
      helper.getNode(`c${i}`).receive(msg);
      return msg;
    });
    const [got, errors] = await Promise.all([outs, errs]);
    for (const m of errors) failures.push(`${m.topic}: ${m.error.code} ${m.error.message}`);
    assert.deepStrictEqual(failures, []);
    assert.strictEqual(got.length, ops.length);
    for (const msg of got) {
      const e = ops.find((x) => x.id === msg.topic);
      const identity = o.schemaOf(e.op).identity;
      const own = String(msg.payload[identity]);
      // a record whose identity is its parent's (a message's Feedback) adds nothing to the chain
      const expected = e.op.chain.some((p) => p.field === identity) ? msg.parents : [...msg.parents, own];
      assert.ok(msg.twilio.statusCode >= 200 && msg.twilio.statusCode < 300, `${e.id}: ${msg.twilio.statusCode}`);
      assert.strictEqual(msg.twilio.statusCode, e.op.status, e.id);
      assert.strictEqual(msg.sid, expected.join(':'), e.id);
    }
    assert.strictEqual(sent.length, sandbox.log.filter((l) => l.method === 'POST').length);
  });
});

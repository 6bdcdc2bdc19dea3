// The example flows in examples/, deployed against the sandbox as a user would import them:
// only their account node changes (sandbox URL and credentials); debug nodes are swapped for
// helper nodes so the test sees what they would show. Then the sandbox's state is checked.
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const h = require('../support/harness');
const o = require('../support/outbound');
const { seedExampleData } = require('../../dist/scripts/example-data.js');

const { helper } = h;
const NODES = [...h.NODES, require(require.resolve('@node-red/nodes/core/common/90-comment.js'))];
const dir = path.join(__dirname, '..', '..', 'examples');
const WEBHOOK_EXAMPLES = ['auto-reply-to-an-incoming-sms.json', 'track-delivery-status.json'];
// Examples that write files (core csv/file nodes): examples-ecosystem.spec.js runs them against an
// empty account too, with their files in a temporary folder.
const FILE_EXAMPLES = ['save-todays-voicemails.json', 'todays-messages-to-csv.json'];
// Examples of the product APIs (Verify, Lookup, …): product-examples.spec.js deploys them against a
// fresh sandbox that checks every answer against each product's own spec.
const productExample = (f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'))
  .some((n) => typeof n.object === 'string' && !n.object.startsWith('api.v2010.'));

function exampleFlow(sandbox, file) {
  const nodes = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  const accounts = nodes.filter((n) => n.type === 'twilio-account');
  assert.strictEqual(accounts.length, 1, `${file}: one account node`);
  for (const a of accounts) {
    assert.strictEqual(a.baseUrl, '', `${file}: no base URL`);
    assert.ok(!('credentials' in a), `${file}: no credentials`);
  }
  return [h.account(sandbox), ...nodes.filter((n) => n.type !== 'twilio-account').map((n) => {
    if (n.type === 'debug') return { id: n.id, z: n.z, type: 'helper', name: n.name };
    return n.account ? { ...n, account: 'acc' } : n;
  }), { id: 'catcher', z: nodes.find((n) => n.type === 'tab').id, type: 'catch', scope: null, uncaught: false, wires: [['caught']] },
  { id: 'caught', z: nodes.find((n) => n.type === 'tab').id, type: 'helper' }];
}

describe('examples', function () {
  let sandbox;
  let conferenceSid;
  before(async function () { sandbox = await h.startCheckedSandbox(); });
  after(async function () { await sandbox.close(); });
  beforeEach(function (done) {
    sandbox.reset();
    ({ conferenceSid } = seedExampleData(sandbox, h.ACCOUNT_SID));
    sandbox.clearLog();
    helper.startServer(done);
  });
  afterEach(async function () { await helper.unload(); await new Promise((r) => helper.stopServer(r)); sandbox.assertConforms(); });

  async function deploy(file) {
    await new Promise((resolve) => helper.load(NODES, exampleFlow(sandbox, file), h.credentials(), resolve));
    const errors = h.collectUntilQuiet(helper.getNode('caught'), 400);
    return { errors };
  }

  it('every example carries no credentials and no base URL, and uses only this package and core nodes', function () {
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));
    assert.ok(files.length >= 6);
    for (const f of files) {
      const text = fs.readFileSync(path.join(dir, f), 'utf8');
      assert.ok(!/authToken|apiKeySecret|AC[0-9a-f]{32}/.test(text), `${f} holds a secret or an account`);
      const types = new Set(JSON.parse(text).map((n) => n.type));
      for (const t of types) assert.ok(/^twilio-/.test(t) || ['tab', 'comment', 'inject', 'debug', 'change', 'function', 'http request', 'http response', 'csv', 'file'].includes(t), `${f}: node type ${t}`);
      exampleFlow(sandbox, f);
    }
  });

  it('send an SMS: the message exists, To normalised', async function () {
    const { errors } = await deploy('send-an-sms.json');
    const shown = h.receive(helper.getNode('sms-d'));
    helper.getNode('sms-i').receive({});
    const msg = await shown;
    assert.match(msg.sid, /^SM[0-9a-f]{32}$/);
    const stored = await o.fetchRecord(sandbox, o.api(`/Messages/${msg.sid}.json`));
    assert.strictEqual(stored.body.to, '+15558675310');
    assert.strictEqual(stored.body.body, 'Hello from Node-RED');
    assert.deepStrictEqual(await errors, []);
  });

  it('place a call with TwiML: the call exists', async function () {
    const { errors } = await deploy('place-a-call-with-twiml.json');
    const shown = h.receive(helper.getNode('call-d'));
    helper.getNode('call-i').receive({});
    const msg = await shown;
    assert.match(msg.sid, /^CA[0-9a-f]{32}$/);
    assert.match(sandbox.log[0].form.Twiml, /<Say>Hello from Node-RED<\/Say>/);
    const stored = await o.fetchRecord(sandbox, o.api(`/Calls/${msg.sid}.json`));
    assert.strictEqual(stored.status, 200);
    assert.strictEqual(stored.body.to, '+15558675310');
    assert.deepStrictEqual(await errors, []);
  });

  it('create and close a subaccount: it exists, then it is closed', async function () {
    const { errors } = await deploy('create-and-close-a-subaccount.json');
    const created = h.receive(helper.getNode('sub-d1'));
    const closed = h.receive(helper.getNode('sub-d'));
    helper.getNode('sub-i').receive({});
    const [a, b] = await Promise.all([created, closed]);
    assert.match(a.sid, /^AC[0-9a-f]{32}$/);
    assert.strictEqual(b.sid, a.sid);
    assert.strictEqual(b.payload.status, 'closed');
    const stored = await o.fetchRecord(sandbox, `/2010-04-01/Accounts/${a.sid}.json`);
    assert.deepStrictEqual([stored.body.friendly_name, stored.body.status, stored.body.owner_account_sid],
      ['Node-RED example subaccount', 'closed', h.ACCOUNT_SID]);
    assert.deepStrictEqual(await errors, []);
  });

  it('mute every participant: Query into Update with nothing between, every participant muted', async function () {
    const flow = exampleFlow(sandbox, 'mute-every-participant.json');
    const update = flow.find((n) => n.type === 'twilio-update');
    const query = flow.find((n) => n.wires && n.wires.some((w) => w.includes(update.id)));
    assert.strictEqual(query.type, 'twilio-query', 'the query is wired straight into the update');
    assert.strictEqual(update.requestType, 'none');
    assert.deepStrictEqual(update.params.map((p) => [p.name, String(p.value)]), [['Muted', 'true']]);

    const { errors } = await deploy('mute-every-participant.json');
    const shown = h.receive(helper.getNode('mute-d'), 3);
    helper.getNode('mute-i').receive({});
    const msgs = await shown;
    for (const m of msgs) {
      assert.match(m.sid, new RegExp(`^${conferenceSid}:CA[0-9a-f]{32}$`));
      assert.strictEqual(m.payload.muted, true);
    }
    const list = await o.fetchRecord(sandbox, o.api(`/Conferences/${conferenceSid}/Participants.json`));
    assert.strictEqual(list.body.participants.length, 3);
    assert.ok(list.body.participants.every((p) => p.muted === true), 'all muted in the sandbox');
    assert.deepStrictEqual(sandbox.log.filter((e) => e.method === 'POST').map((e) => e.form), [{ Muted: 'true' }, { Muted: 'true' }, { Muted: 'true' }]);
    assert.deepStrictEqual(await errors, []);
  });

  it('remove a participant: it is gone, the others stay', async function () {
    const { errors } = await deploy('remove-a-participant.json');
    const shown = h.receive(helper.getNode('kick-d'));
    helper.getNode('kick-i').receive({});
    const msg = await shown;
    assert.strictEqual(msg.twilio.statusCode, 204);
    const [conf, callSid] = msg.sid.split(':');
    assert.strictEqual(conf, conferenceSid);
    assert.strictEqual((await o.fetchRecord(sandbox, o.api(`/Conferences/${conf}/Participants/${callSid}.json`))).status, 404);
    const list = await o.fetchRecord(sandbox, o.api(`/Conferences/${conf}/Participants.json`));
    assert.strictEqual(list.body.participants.length, 2);
    assert.deepStrictEqual(await errors, []);
  });

  it('query and get messages: the last 7 days as an array; the newest got by its Sid', async function () {
    const { errors } = await deploy('query-and-get-messages.json');
    const array = h.receive(helper.getNode('qg-d1'));
    const one = h.receive(helper.getNode('qg-d2'));
    helper.getNode('qg-i1').receive({});
    helper.getNode('qg-i2').receive({});
    const [a, b] = await Promise.all([array, one]);
    // On or after the GMT day a week ago: how many that is depends on the time of day.
    const today = new Date();
    const since = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) - 7 * 86400000;
    const all = (await o.fetchRecord(sandbox, o.api('/Messages.json?PageSize=1000'))).body.messages;
    const expected = all.filter((m) => Date.parse(m.date_sent) >= since).map((m) => m.sid).sort();
    assert.ok(expected.length >= 21 && expected.length < all.length);
    assert.deepStrictEqual(a.payload.map((m) => m.sid).sort(), expected);
    assert.deepStrictEqual(Object.keys(a.payload[0]).sort(), ['body', 'date_sent', 'from', 'sid', 'status', 'to']);
    assert.match(b.sid, /^SM[0-9a-f]{32}$/);
    assert.match(b.payload.date_created, /^\d{4}-\d\d-\d\dT/);
    assert.deepStrictEqual(await errors, []);
  });
});

describe('examples against an empty account', function () {
  let sandbox;
  before(async function () { sandbox = await h.startCheckedSandbox(); });
  after(async function () { await sandbox.close(); });
  beforeEach(function (done) {
    sandbox.reset();
    sandbox.clearLog();
    helper.startServer(done);
  });
  afterEach(async function () { await helper.unload(); await new Promise((r) => helper.stopServer(r)); sandbox.assertConforms(); });

  // Twilio calling Node-RED needs Node-RED's HTTP server: webhook-examples.spec.js deploys
  // those examples in a real Node-RED with the sandbox calling back.
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json') && !WEBHOOK_EXAMPLES.includes(f) && !FILE_EXAMPLES.includes(f) && !productExample(f)).sort();
  for (const file of files) {
    it(`${file}: every inject ends without an error, every debug node shows a result`, async function () {
      const flow = exampleFlow(sandbox, file);
      await new Promise((resolve) => helper.load(NODES, flow, h.credentials(), resolve));
      const errors = h.collectUntilQuiet(helper.getNode('caught'), 600);
      const shown = flow.filter((n) => n.type === 'helper' && n.id !== 'caught')
        .map((n) => ({ id: n.id, got: h.collectUntilQuiet(helper.getNode(n.id), 600) }));
      for (const n of flow.filter((x) => x.type === 'inject')) helper.getNode(n.id).receive({});
      assert.deepStrictEqual((await errors).map((m) => m.error.message), []);
      for (const s of shown) assert.ok((await s.got).length >= 1, `${file}: ${s.id} shows nothing`);
    });
  }

  it('query → update → join: an empty query completes the join with [] and sends no update', async function () {
    const flow = [{ id: 't', type: 'tab' }, h.account(sandbox),
      { id: 'q', type: 'twilio-query', account: 'acc', object: 'api.v2010.Calls', sid: '', sidType: 'str', outputMode: 'record', limit: 0, filters: [], wires: [['u']] },
      { id: 'u', type: 'twilio-update', account: 'acc', object: 'api.v2010.Calls', sid: 'sid', sidType: 'msg', requestType: 'none', params: [{ name: 'Status', value: 'completed', valueType: 'str' }], wires: [['j']] },
      { id: 'j', type: 'join', mode: 'auto', build: 'array', wires: [['out']] },
      { id: 'out', type: 'helper' },
      { id: 'catcher', type: 'catch', scope: null, uncaught: false, wires: [['caught']] },
      { id: 'caught', type: 'helper' }].map((n) => (n.type === 'tab' || n.type === 'twilio-account' ? n : { ...n, z: 't' }));
    await new Promise((resolve) => helper.load(h.NODES, flow, h.credentials(), resolve));
    const errors = h.collectUntilQuiet(helper.getNode('caught'), 600);
    const joined = h.receive(helper.getNode('out'));
    helper.getNode('q').receive({ payload: 'go' });
    assert.deepStrictEqual((await joined).payload, []);
    assert.deepStrictEqual(await errors, []);
    assert.deepStrictEqual(sandbox.log.map((e) => e.method), ['GET'], 'only the query went to Twilio');
  });
});

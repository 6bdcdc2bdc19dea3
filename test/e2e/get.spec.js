// twilio-get end to end against the sandbox over real HTTP.
const assert = require('assert');
const h = require('../support/harness');
const { xmlToRecord } = require('../support/twilio-xml-reader');
const { loadCatalog } = require('../../dist/nodes/catalog/catalog.js');

const { helper } = h;

describe('twilio-get', function () {
  let sandbox;
  h.checkedSandboxPerSuite((sb) => { sandbox = sb; });

  function getFlow(extra = {}, accountExtra = {}) {
    return [
      h.account(sandbox, accountExtra),
      { id: 'get', type: 'twilio-get', account: 'acc', object: 'api.v2010.Messages', sid: 'sid', sidType: 'msg', format: 'json', dates: 'rfc2822', errorOutput: false, tracking: 'none', fields: [], wires: [['out'], ['err']], ...extra },
      { id: 'out', type: 'helper' },
      { id: 'err', type: 'helper' },
      { id: 'catcher', type: 'catch', scope: null, uncaught: false, wires: [['caught']] },
      { id: 'caught', type: 'helper' },
    ];
  }

  it('gets a message by Sid: payload is the record, msg.sid and msg.twilio describe it', async function () {
    const [rec] = sandbox.seed(h.ACCOUNT_SID, 'api.v2010.Messages', [{ to: '+15558675310', body: 'hi' }]);
    await h.load(getFlow());
    const got = h.receive(helper.getNode('out'));
    helper.getNode('get').receive({ sid: rec.sid });
    const msg = await got;
    assert.deepStrictEqual(msg.payload, rec);
    assert.strictEqual(msg.sid, rec.sid);
    assert.deepStrictEqual(msg.twilio, {
      object: 'api.v2010.Messages', action: 'get', sid: rec.sid, chain: rec.sid, accountSid: h.ACCOUNT_SID, statusCode: 200,
    });
    const entry = sandbox.log.find((e) => e.method === 'GET');
    assert.strictEqual(entry.path, `/2010-04-01/Accounts/${h.ACCOUNT_SID}/Messages/${rec.sid}.json`);
  });

  it('keeps only the chosen fields and turns dates into ISO 8601', async function () {
    const [rec] = sandbox.seed(h.ACCOUNT_SID, 'api.v2010.Messages', [{ body: 'hi', date_created: 'Mon, 17 Sep 2012 01:13:42 +0000' }]);
    await h.load(getFlow({ fields: ['sid', 'body', 'date_created'], dates: 'iso' }));
    const got = h.receive(helper.getNode('out'));
    helper.getNode('get').receive({ sid: rec.sid });
    const msg = await got;
    assert.deepStrictEqual(Object.keys(msg.payload).sort(), ['body', 'date_created', 'sid']);
    assert.match(msg.payload.date_created, /^2012-09-17T01:13:42(\.000)?Z$/);
  });

  it('reads a subaccount record with an AccountSid: prefix; a foreign account gets 20003', async function () {
    const res = await fetch(`${sandbox.url}/2010-04-01/Accounts.json`, {
      method: 'POST',
      headers: { Authorization: 'Basic ' + Buffer.from(`${h.ACCOUNT_SID}:${h.AUTH_TOKEN}`).toString('base64'), 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'FriendlyName=sub',
    });
    const sub = await res.json();
    const [rec] = sandbox.seed(sub.sid, 'api.v2010.Messages', [{ body: 'in the subaccount' }]);
    const foreign = 'AC' + 'f'.repeat(32);
    const [other] = sandbox.seed(foreign, 'api.v2010.Messages', [{ body: 'not yours' }]);
    await h.load(getFlow());
    const got = h.receive(helper.getNode('out'));
    helper.getNode('get').receive({ sid: `${sub.sid}:${rec.sid}` });
    const msg = await got;
    assert.strictEqual(msg.payload.body, 'in the subaccount');
    assert.strictEqual(msg.sid, `${sub.sid}:${rec.sid}`);
    assert.strictEqual(msg.twilio.accountSid, sub.sid);

    const caught = h.receive(helper.getNode('caught'));
    helper.getNode('get').receive({ sid: `${foreign}:${other.sid}` });
    const err = await caught;
    assert.strictEqual(err.error.code, 20003);
    assert.strictEqual(err.twilio.error.status, 401);
  });

  it('a 404 is a catchable error whose catch node sees code 20404', async function () {
    await h.load(getFlow());
    const caught = h.receive(helper.getNode('caught'));
    helper.getNode('get').receive({ sid: 'SM' + '0'.repeat(32) });
    const msg = await caught;
    assert.strictEqual(msg.error.code, 20404);
    assert.match(msg.error.message, /not found/i);
    assert.strictEqual(msg.twilio.error.status, 404);
    assert.strictEqual(msg.twilio.error.moreInfo, 'https://www.twilio.com/docs/errors/20404');
  });

  it('an error message is the text alone, and msg.twilio describes this node, not an upstream one', async function () {
    await h.load(getFlow());
    const caught = h.receive(helper.getNode('caught'));
    const sid = 'SM' + '0'.repeat(32);
    helper.getNode('get').receive({ sid, twilio: { object: 'api.v2010.Conferences', action: 'query', statusCode: 200, page: 3, chain: 'CFx' } });
    const msg = await caught;
    assert.match(msg.error.message, /^The requested resource .* was not found/);
    assert.deepStrictEqual(Object.keys(msg.twilio).sort(), ['accountSid', 'action', 'chain', 'error', 'object']);
    assert.strictEqual(msg.twilio.chain, sid);
    assert.strictEqual(msg.twilio.action, 'get');
  });

  it('a Retry-After longer than the max retry wait is not waited for, and the error says why', async function () {
    const [rec] = sandbox.seed(h.ACCOUNT_SID, 'api.v2010.Messages', [{ body: 'hi' }]);
    sandbox.inject({ when: 'before', kind: '429', retryAfter: 30, times: 5 });
    await h.load(getFlow({}, { retryMaxWait: 5000 }));
    const caught = h.receive(helper.getNode('caught'));
    const started = Date.now();
    helper.getNode('get').receive({ sid: rec.sid });
    const msg = await caught;
    assert.ok(Date.now() - started < 2000, 'gave up at once');
    assert.strictEqual(msg.error.code, 20429);
    assert.match(msg.error.message, /not retried: waiting 30 s more would pass the account's max retry wait of 5 s/);
    assert.strictEqual(sandbox.log.length, 1);
  });

  it('with error responses on, a 404 leaves output 2 with status 404 and Twilio\'s body', async function () {
    await h.load(getFlow({ errorOutput: true }));
    const second = h.receive(helper.getNode('err'));
    const caught = h.collectUntilQuiet(helper.getNode('caught'), 500);
    helper.getNode('get').receive({ sid: 'SM' + '0'.repeat(32) });
    const msg = await second;
    assert.strictEqual(msg.applicationStatusCode, 404);
    assert.strictEqual(msg.payload.code, 20404);
    assert.match(msg.applicationStatusMessage, /not found/i);
    assert.deepStrictEqual(await caught, [], 'nothing reaches the catch node');
  });

  it('with XML output, the error document is a RestException', async function () {
    await h.load(getFlow({ errorOutput: true, format: 'xml' }));
    const second = h.receive(helper.getNode('err'));
    helper.getNode('get').receive({ sid: 'SM' + '0'.repeat(32) });
    const msg = await second;
    assert.match(msg.payload, /^<TwilioResponse><RestException>.*<Code>20404<\/Code>.*<Status>404<\/Status>/s);
  });

  it('XML output parses back to the same record', async function () {
    const [rec] = sandbox.seed(h.ACCOUNT_SID, 'api.v2010.Messages', [{ body: 'a & b <c> "d"', tags: { campaign_name: 'Spring' } }]);
    await h.load(getFlow({ format: 'xml' }));
    const got = h.receive(helper.getNode('out'));
    helper.getNode('get').receive({ sid: rec.sid });
    const msg = await got;
    assert.match(msg.payload, /^<TwilioResponse><Message><\w+/);
    const catalog = loadCatalog();
    const schema = catalog.schemas[catalog.objects['api.v2010.Messages'].actions.get.response];
    assert.deepStrictEqual(xmlToRecord(msg.payload, schema), rec);
  });

  it('retries a 429 after its Retry-After and succeeds', async function () {
    const [rec] = sandbox.seed(h.ACCOUNT_SID, 'api.v2010.Messages', [{ body: 'hi' }]);
    sandbox.inject({ when: 'before', kind: '429', retryAfter: 1, times: 1 });
    await h.load(getFlow());
    const got = h.receive(helper.getNode('out'));
    const started = Date.now();
    helper.getNode('get').receive({ sid: rec.sid });
    const msg = await got;
    assert.strictEqual(msg.payload.sid, rec.sid);
    assert.strictEqual(msg.twilio.retried, true);
    assert.ok(Date.now() - started >= 950, 'waited for Retry-After');
    assert.deepStrictEqual(sandbox.log.map((e) => e.status), [429, 200]);
  });

  it('retries a 500 for Get (safe to repeat)', async function () {
    const [rec] = sandbox.seed(h.ACCOUNT_SID, 'api.v2010.Messages', [{ body: 'hi' }]);
    sandbox.inject({ when: 'before', kind: '500', times: 1 });
    await h.load(getFlow());
    const got = h.receive(helper.getNode('out'));
    helper.getNode('get').receive({ sid: rec.sid });
    assert.strictEqual((await got).payload.sid, rec.sid);
    assert.deepStrictEqual(sandbox.log.map((e) => e.status), [500, 200]);
  });

  const badChains = [
    ['a wrong prefix', 'CA' + '0'.repeat(32), /MessageSid/],
    ['too many parts', `SM${'0'.repeat(32)}:SM${'0'.repeat(32)}`, /\[AccountSid:\]MessageSid/],
    ['a bad account prefix', `ACxyz:SM${'0'.repeat(32)}`, /Account Sid/],
    ['nothing', '', /\[AccountSid:\]MessageSid/],
  ];
  for (const [what, sid, pattern] of badChains) {
    it(`a Sid chain with ${what} is an error naming the expected chain, and sends nothing`, async function () {
      await h.load(getFlow());
      const caught = h.receive(helper.getNode('caught'));
      helper.getNode('get').receive({ sid });
      const msg = await caught;
      assert.strictEqual(msg.error.code, 'INVALID_SID_CHAIN');
      assert.match(msg.error.message, pattern);
      assert.strictEqual(sandbox.log.length, 0);
    });
  }

  it('a pattern-less part (participant label) is percent-encoded; path characters are refused', async function () {
    const conf = 'CF' + 'a'.repeat(32);
    await h.load(getFlow({ object: 'api.v2010.Conferences.Participants' }));
    const caught = h.collectUntilQuiet(helper.getNode('caught'), 600);
    helper.getNode('get').receive({ sid: `${conf}:alice smith` });
    helper.getNode('get').receive({ sid: `${conf}:../Calls` });
    const errors = await caught;
    assert.strictEqual(errors.length, 2);
    const sent = sandbox.log.map((e) => e.path);
    assert.deepStrictEqual(sent, [`/2010-04-01/Accounts/${h.ACCOUNT_SID}/Conferences/${conf}/Participants/alice%20smith.json`]);
    assert.ok(errors.some((m) => m.error.code === 'INVALID_SID_CHAIN' && /may not contain/.test(m.error.message)));
  });

  it('a node saved with no field checked says so, and sends nothing', async function () {
    await h.load(getFlow({ fields: null }));
    const caught = h.receive(helper.getNode('caught'));
    helper.getNode('get').receive({ sid: 'SM' + '0'.repeat(32) });
    const msg = await caught;
    assert.match(msg.error.message, /No field to return is checked/);
    assert.strictEqual(sandbox.log.length, 0);
  });

  it('Balance: a Get with no Sid', async function () {
    await h.load(getFlow({ object: 'api.v2010.Balance', sid: '', sidType: 'str' }));
    const got = h.receive(helper.getNode('out'));
    helper.getNode('get').receive({ sid: 'left over from another node' });
    const msg = await got;
    assert.strictEqual(msg.payload.account_sid, h.ACCOUNT_SID);
    assert.ok('balance' in msg.payload && 'currency' in msg.payload);
  });

  it('never shows the auth token after a transport failure (reset)', async function () {
    const [rec] = sandbox.seed(h.ACCOUNT_SID, 'api.v2010.Messages', [{ body: 'hi' }]);
    sandbox.inject({ when: 'before', kind: 'reset', times: 10 });
    // Straight to the sandbox: the checking proxy would turn a reset into a 502.
    await h.load(getFlow({}, { maxRetries: 1, retryMaxWait: 5000, baseUrl: sandbox.directUrl }));
    const caught = h.receive(helper.getNode('caught'));
    helper.getNode('get').receive({ sid: rec.sid });
    const msg = await caught;
    assert.strictEqual(msg.error.code, 'TRANSPORT_ERROR');
    const basic = Buffer.from(`${h.ACCOUNT_SID}:${h.AUTH_TOKEN}`).toString('base64');
    const status = helper.getNode('get').status;
    await h.until(() => status.lastCall && status.lastCall.args[0].fill === 'red', 2000, 'the failure\'s status');
    const everything = JSON.stringify(msg) + JSON.stringify(helper.log().args) + JSON.stringify(status.args);
    for (const secret of [h.AUTH_TOKEN, basic]) assert.ok(!everything.includes(secret), 'secret leaked');
  });

  it('the TWILIO_* environment variables change nothing', async function () {
    const saved = { ...process.env };
    Object.assign(process.env, {
      TWILIO_ACCOUNT_SID: 'AC' + 'e'.repeat(32), TWILIO_AUTH_TOKEN: 'from-env', TWILIO_REGION: 'au1', TWILIO_EDGE: 'sydney',
    });
    try {
      const [rec] = sandbox.seed(h.ACCOUNT_SID, 'api.v2010.Messages', [{ body: 'hi' }]);
      await h.load(getFlow());
      const got = h.receive(helper.getNode('out'));
      helper.getNode('get').receive({ sid: rec.sid });
      const msg = await got;
      assert.strictEqual(msg.payload.sid, rec.sid);
      assert.strictEqual(sandbox.log[0].authUser, h.ACCOUNT_SID);
    } finally {
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    }
  });

  it('refuses to send credentials to a host that is neither twilio.com nor loopback', async function () {
    await h.load(getFlow({}, { baseUrl: 'http://example.com:4010' }));
    const caught = h.receive(helper.getNode('caught'));
    helper.getNode('get').receive({ sid: 'SM' + '0'.repeat(32) });
    const msg = await caught;
    assert.strictEqual(msg.error.code, 'HOST_REFUSED');
    assert.match(msg.error.message, /example\.com/);
  });

  it('tracking "output" logs object, action, Sid and status, never payload values', async function () {
    const [rec] = sandbox.seed(h.ACCOUNT_SID, 'api.v2010.Messages', [{ body: 'secret body text' }]);
    await h.load(getFlow({ tracking: 'output' }));
    const got = h.receive(helper.getNode('out'));
    helper.getNode('get').receive({ sid: rec.sid });
    await got;
    const lines = helper.log().args.map((a) => a[0]).filter((e) => e && typeof e.msg === 'string' && e.msg.includes('tracking'));
    assert.strictEqual(lines.length, 1);
    assert.match(lines[0].msg, new RegExp(`api\\.v2010\\.Messages get sid=${rec.sid} status=200`));
    assert.ok(!JSON.stringify(lines).includes('secret body text'));
  });
});

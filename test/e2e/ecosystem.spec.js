// Habits a user brings: phone numbers as people type them (the account's default country)
// and node-red-node-twilio's {payload: text, topic: number} with the account's default
// sender — through real create/query nodes against the sandbox over HTTP.
const assert = require('assert');
const h = require('../support/harness');
const o = require('../support/outbound');

const { helper } = h;
const MG = 'MG' + 'a'.repeat(32);

describe('phone numbers and node-red-node-twilio habits (e2e)', function () {
  let sandbox;
  before(async function () { sandbox = await h.startCheckedSandbox(); });
  after(async function () { await sandbox.close(); });
  beforeEach(function (done) { sandbox.reset(); helper.startServer(done); });
  afterEach(async function () { await helper.unload(); await new Promise((r) => helper.stopServer(r)); sandbox.assertConforms(); });

  const load = (type, object, props = {}, account = {}) => h.load(o.actionFlow(sandbox, type, { object, ...props }, account));

  it('a national number becomes E.164 with the account default country; whatsapp: keeps its prefix', async function () {
    await load('twilio-create', 'api.v2010.Messages', {}, { defaultCountry: 'US' });
    let r = await o.outcome(helper, { payload: { To: '(555) 867-5310', From: '+15005550006', Body: 'hi' } });
    assert.ok(r.out, r.error && r.error.message);
    r = await o.outcome(helper, { payload: { To: 'whatsapp:(555) 867-5310', From: 'whatsapp:+1 500 555 0006', Body: 'hi' } });
    assert.ok(r.out, r.error && r.error.message);
    assert.deepStrictEqual(sandbox.log.map((e) => [e.form.To, e.form.From]), [
      ['+15558675310', '+15005550006'], ['whatsapp:+15558675310', 'whatsapp:+15005550006'],
    ]);
  });

  it('a national number without a default country is refused before sending, saying how to fix it', async function () {
    await load('twilio-create', 'api.v2010.Messages');
    const r = await o.outcome(helper, { payload: { To: '(555) 867-5310', From: '+15005550006', Body: 'hi' } });
    assert.strictEqual(r.error.code, 'INVALID_PARAMETER');
    assert.match(r.error.message, /Parameter "To" of Create Message: "\(555\) 867-5310" has no valid country code.*set a default country on the Twilio account node/);
    assert.strictEqual(sandbox.log.length, 0);
  });

  it('phone filters: a national number with the default country, a short code as From', async function () {
    await load('twilio-query', 'api.v2010.Messages', {
      filters: [{ field: 'To', op: 'eq', value: '020 7946 0018', valueType: 'str' }, { field: 'From', op: 'eq', value: '12345', valueType: 'str' }],
      outputMode: 'array', limit: 10, pageSize: 50,
    }, { defaultCountry: 'GB' });
    const r = await o.outcome(helper, { payload: null });
    assert.ok(r.out, r.error && r.error.message);
    assert.strictEqual(sandbox.log[0].query.To, '+442079460018');
    assert.strictEqual(sandbox.log[0].query.From, '12345');
  });

  it('{payload: "hi", topic: "+15558675310"} and a default sender send an SMS, as node-red-node-twilio did', async function () {
    await load('twilio-create', 'api.v2010.Messages', {}, { defaultSender: '+15005550006' });
    const r = await o.outcome(helper, { payload: 'hi', topic: '+15558675310' });
    assert.ok(r.out, r.error && r.error.message);
    assert.match(r.out.sid, /^SM[0-9a-f]{32}$/);
    assert.deepStrictEqual(sandbox.log[0].form, { To: '+15558675310', From: '+15005550006', Body: 'hi' });
    const stored = await o.fetchRecord(sandbox, o.api(`/Messages/${r.out.sid}.json`));
    assert.strictEqual(stored.body.body, 'hi');
  });

  it('a default sender MG… fills MessagingServiceSid; text that looks like XML but is not the object is the Body', async function () {
    await load('twilio-create', 'api.v2010.Messages', {}, { defaultSender: MG });
    const r = await o.outcome(helper, { payload: '<3 see you', topic: 'whatsapp:+15558675310' });
    assert.ok(r.out, r.error && r.error.message);
    assert.deepStrictEqual(sandbox.log[0].form, { To: 'whatsapp:+15558675310', MessagingServiceSid: MG, Body: '<3 see you' });
  });

  it('XML whose root is the object is still a request document; the message beats topic and default sender', async function () {
    await load('twilio-create', 'api.v2010.Messages', {}, { defaultSender: MG });
    const r = await o.outcome(helper, {
      payload: '<Message><To>+15558675310</To><From>+15005550006</From><Body>xml</Body></Message>', topic: '+15550000000',
    });
    assert.ok(r.out, r.error && r.error.message);
    assert.deepStrictEqual(sandbox.log[0].form, { To: '+15558675310', From: '+15005550006', Body: 'xml' });
  });

  it('a topic that is not an address is ignored (To stays missing: a clear error, nothing sent)', async function () {
    await load('twilio-create', 'api.v2010.Messages', {}, { defaultSender: '+15005550006' });
    const r = await o.outcome(helper, { payload: 'hi', topic: 'alerts' });
    assert.strictEqual(r.error.code, 'MISSING_PARAMETER');
    assert.match(r.error.message, /"To" is required/);
    assert.strictEqual(sandbox.log.length, 0);
  });
});

// The product APIs end to end through the real nodes and the sandbox: each product's host
// mapped onto the base URL under its domain, meta paging, JSON bodies, PUT, query parameters
// on Get, identities that are not Sids, paired date filters, and the sandbox's Verify and
// Lookup behaviour.
const assert = require('assert');
const h = require('../support/harness');

const { helper } = h;

describe('product APIs through the nodes', function () {
  let sandbox;
  before(async function () { sandbox = await h.startSandbox({ port: 0 }); });
  after(async function () { await sandbox.close(); });
  beforeEach(function (done) { sandbox.reset(); helper.startServer(done); });
  afterEach(async function () { await helper.unload(); await new Promise((r) => helper.stopServer(r)); });

  const TYPES = { get: 'twilio-get', query: 'twilio-query', create: 'twilio-create', update: 'twilio-update', delete: 'twilio-delete' };
  function node(id, action, object, extra = {}) {
    const base = { id, type: TYPES[action], account: 'acc', object, sid: 'sid', sidType: 'msg', format: 'json', dates: 'rfc2822', errorOutput: false, tracking: 'none', fields: [] };
    if (action === 'create' || action === 'update') Object.assign(base, { request: 'payload', requestType: 'msg', params: [] });
    if (action === 'query') Object.assign(base, { filters: [], limit: 0, pageSize: 50, outputMode: 'array' });
    return { ...base, wires: [[`${id}-out`]], ...extra };
  }
  function flow(...nodes) {
    const out = [h.account(sandbox)];
    for (const n of nodes) out.push(n, { id: `${n.id}-out`, type: 'helper' });
    out.push({ id: 'catcher', type: 'catch', scope: null, uncaught: false, wires: [['caught']] }, { id: 'caught', type: 'helper' });
    return out;
  }
  async function send(id, msg) {
    const got = Promise.race([h.receive(helper.getNode(`${id}-out`)), h.receive(helper.getNode('caught')).then((m) => ({ caught: m }))]);
    helper.getNode(id).receive(msg);
    return got;
  }

  it('verifies a phone number: a Verification is pending, a wrong code keeps it pending, 123456 approves it', async function () {
    await h.load(flow(node('svc', 'create', 'verify.v2.Services', { sidType: 'str', sid: '' }),
      node('ver', 'create', 'verify.v2.Services.Verifications'), node('check', 'create', 'verify.v2.Services.VerificationCheck')));
    const svc = await send('svc', { payload: { FriendlyName: 'My app' } });
    assert.match(svc.payload.sid, /^VA[0-9a-f]{32}$/);
    const ver = await send('ver', { sid: svc.payload.sid, payload: { To: '+15558675310', Channel: 'sms' } });
    assert.strictEqual(ver.payload.status, 'pending');
    assert.strictEqual(ver.sid, `${svc.payload.sid}:${ver.payload.sid}`);
    const wrong = await send('check', { sid: svc.payload.sid, payload: { To: '+15558675310', Code: '000000' } });
    assert.strictEqual(wrong.payload.status, 'pending');
    const right = await send('check', { sid: svc.payload.sid, payload: { To: '+15558675310', Code: '123456' } });
    assert.strictEqual(right.payload.status, 'approved');
    assert.strictEqual(right.payload.valid, true);
    const none = await send('check', { sid: svc.payload.sid, payload: { To: '+15558675399', Code: '123456' } });
    assert.strictEqual(none.caught.error.code, 20404);
    const paths = sandbox.log.map((e) => `${e.method} ${e.path}`);
    assert.ok(paths.includes(`POST /verify/v2/Services/${svc.payload.sid}/Verifications`), paths.join('\n'));
  });

  it('looks up a line type: Get takes the Fields query parameter; the phone number is the identity', async function () {
    await h.load(flow(node('look', 'get', 'lookups.v2.PhoneNumbers', { params: [{ name: 'Fields', value: 'line_type_intelligence', valueType: 'str' }] })));
    const msg = await send('look', { sid: '+15558675310' });
    assert.strictEqual(msg.payload.line_type_intelligence.type, 'mobile');
    assert.strictEqual(msg.payload.valid, true);
    assert.strictEqual(msg.sid, '+15558675310');
    const entry = sandbox.log.find((e) => e.method === 'GET');
    assert.strictEqual(entry.path, '/lookups/v2/PhoneNumbers/%2B15558675310');
    assert.strictEqual(entry.rawQuery, 'Fields=line_type_intelligence');
  });

  it('refuses a Get query parameter the operation does not declare, with nothing sent', async function () {
    await h.load(flow(node('look', 'get', 'lookups.v2.PhoneNumbers', { params: [{ name: 'Feilds', value: 'x', valueType: 'str' }] })));
    const msg = await send('look', { sid: '+15558675310' });
    assert.match(msg.caught.error.message, /Feilds/);
    assert.strictEqual(sandbox.log.length, 0);
  });

  it('pages a Messaging Service\'s phone numbers through meta.next_page_url, mapped onto the base URL', async function () {
    const [svc] = sandbox.seed(h.ACCOUNT_SID, 'messaging.v1.Services', [{ friendly_name: 'Alerts' }]);
    await h.load(flow(node('add', 'create', 'messaging.v1.Services.PhoneNumbers'),
      node('list', 'query', 'messaging.v1.Services.PhoneNumbers', { pageSize: 2 })));
    for (let i = 0; i < 3; i++) {
      const added = await send('add', { sid: svc.sid, payload: { PhoneNumberSid: `PN${String(i).padStart(32, '0')}` } });
      assert.strictEqual(added.payload.service_sid, svc.sid);
    }
    sandbox.clearLog();
    const page = await send('list', { sid: svc.sid });
    assert.strictEqual(page.payload.length, 3);
    assert.deepStrictEqual(sandbox.log.map((e) => e.path), [`/messaging/v1/Services/${svc.sid}/PhoneNumbers`, `/messaging/v1/Services/${svc.sid}/PhoneNumbers`]);
    assert.match(sandbox.log[1].rawQuery, /PageToken=PA/);
  });

  it('creates a Content template with a JSON body; XML and a body off the schema are refused with nothing sent', async function () {
    await h.load(flow(node('tpl', 'create', 'content.v1.Content', { sidType: 'str', sid: '' })));
    const body = { friendly_name: 'order_update', language: 'en', variables: { 1: 'name' }, types: { 'twilio/text': { body: 'Hi {{1}}' } } };
    const msg = await send('tpl', { payload: body });
    assert.match(msg.payload.sid, /^HX[0-9a-f]{32}$/);
    const entry = sandbox.log.find((e) => e.method === 'POST');
    assert.deepStrictEqual(JSON.parse(entry.rawBody), body);
    sandbox.clearLog();
    const xml = await send('tpl', { payload: '<Content><language>en</language></Content>' });
    assert.match(xml.caught.error.message, /JSON body/);
    const off = await send('tpl', { payload: { language: 'en', types: 'text' } });
    assert.match(off.caught.error.message, /types: expected object, got string/);
    assert.strictEqual(sandbox.log.length, 0);
  });

  it('updates by PUT where the spec says so (Lookup overrides), addressed by phone number and field', async function () {
    await h.load(flow(node('mk', 'create', 'lookups.v2.PhoneNumbers.Overrides'), node('put', 'update', 'lookups.v2.PhoneNumbers.Overrides')));
    await send('mk', { sid: ['+15558675310', 'line_type_intelligence'], payload: { line_type: 'mobile', reason: 'ported' } });
    const msg = await send('put', { sid: ['+15558675310', 'line_type_intelligence'], payload: { line_type: 'landline', reason: 'fixed' } });
    assert.ok(!msg.caught, msg.caught && msg.caught.error.message);
    const put = sandbox.log.find((e) => e.method === 'PUT');
    assert.strictEqual(put.path, '/lookups/v2/PhoneNumbers/%2B15558675310/Overrides/line_type_intelligence');
  });

  it('takes msg.sid as an array of parts for identities holding ":" or "/" (a Sync map key)', async function () {
    await h.load(flow(node('get', 'get', 'sync.v1.Services.Maps.Items')));
    const msg = await send('get', { sid: ['IS00000000000000000000000000000000', 'MP00000000000000000000000000000000', 'whatsapp:+1555/x'] });
    assert.strictEqual(msg.caught.error.code, 20404);
    const entry = sandbox.log.find((e) => e.method === 'GET');
    assert.strictEqual(entry.path, '/sync/v1/Services/IS00000000000000000000000000000000/Maps/MP00000000000000000000000000000000/Items/whatsapp%3A%2B1555%2Fx');
    const text = await send('get', { sid: 'IS00000000000000000000000000000000:MP00000000000000000000000000000000:a/b' });
    assert.match(text.caught.error.message, /array of parts/);
  });

  it('sends a paired date filter as DateCreatedAfter / DateCreatedBefore', async function () {
    await h.load(flow(node('rooms', 'query', 'video.v1.Rooms', {
      filters: [{ field: 'DateCreated', op: 'after', value: '2026-01-02', valueType: 'str' }, { field: 'DateCreated', op: 'before', value: '2026-01-05', valueType: 'str' }],
    })));
    const msg = await send('rooms', {});
    assert.deepStrictEqual(msg.payload, []);
    const q = new URLSearchParams(sandbox.log[0].rawQuery);
    assert.strictEqual(q.get('DateCreatedAfter'), '2026-01-02T00:00:00Z');
    assert.strictEqual(q.get('DateCreatedBefore'), '2026-01-05T23:59:59Z');
    assert.strictEqual(sandbox.log[0].path, '/video/v1/Rooms');
  });
});

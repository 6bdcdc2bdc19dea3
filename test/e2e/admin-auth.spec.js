// The admin routes in a real Node-RED started with adminAuth: an admin and a read-only user.
// Test connection needs twilio-account.write; stored secrets only go where the deployed node
// sends them.
const assert = require('assert');
const http = require('http');
const { startNodeRed, login } = require('../editor/harness');

describe('admin routes behind adminAuth (real Node-RED)', function () {
  this.timeout(60000);
  let nr;
  let adminToken;
  let readerToken;
  const stolen = [];
  let thief;

  before(async function () {
    nr = await startNodeRed({
      adminAuth: true,
      flows: [
        { id: 'tab1', type: 'tab', label: 'auth' },
        { id: 'acc', type: 'twilio-account', name: 'Sandbox', authType: 'token', baseUrl: '$SANDBOX_URL', region: '', edge: '' },
      ],
      credentials: { acc: { accountSid: '$ACCOUNT_SID', authToken: '$AUTH_TOKEN' } },
    });
    adminToken = await login(nr.nodeRed, 'admin', 'admin-pass');
    readerToken = await login(nr.nodeRed, 'reader', 'reader-pass', 'read');
    // a loopback server standing in for "some other base URL": it records what reaches it
    thief = http.createServer((req, res) => {
      stolen.push(req.headers.authorization || '');
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ sid: nr.accountSid, friendly_name: 'not twilio', type: 'Full', status: 'active' }));
    });
    await new Promise((r) => thief.listen(0, '127.0.0.1', r));
  });

  after(async function () {
    if (thief) await new Promise((r) => thief.close(r));
    if (nr) await nr.stop();
  });

  function request(method, path, token, body) {
    const headers = { Accept: 'application/json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body) headers['Content-Type'] = 'application/json';
    return fetch(nr.nodeRed + path, { method, headers, body: body ? JSON.stringify(body) : undefined }).then(async (res) => {
      const text = await res.text();
      let json;
      try { json = JSON.parse(text); } catch (e) { json = undefined; }
      return { status: res.status, text, body: json };
    });
  }

  const typed = () => ({ id: 'acc', authType: 'token', accountSid: nr.accountSid, authToken: nr.authToken, baseUrl: nr.sandbox, region: '', edge: '' });

  it('answers 401 without a token, on every route', async function () {
    assert.strictEqual((await request('GET', '/twilio/objects?action=get')).status, 401);
    assert.strictEqual((await request('GET', '/twilio/objects/api.v2010.Messages')).status, 401);
    assert.strictEqual((await request('POST', '/twilio/test-connection', null, typed())).status, 401);
  });

  it('lets the read-only user list objects but not test a connection (401)', async function () {
    const list = await request('GET', '/twilio/objects?action=delete', readerToken);
    assert.strictEqual(list.status, 200);
    assert.ok(list.body.some((o) => o.id === 'api.v2010.Conferences.Participants'));
    const test = await request('POST', '/twilio/test-connection', readerToken, typed());
    assert.strictEqual(test.status, 401);
    assert.ok(!test.text.includes(nr.authToken));
  });

  it('lets the admin test typed credentials and the stored ones', async function () {
    const withTyped = await request('POST', '/twilio/test-connection', adminToken, typed());
    assert.strictEqual(withTyped.status, 200, withTyped.text);
    assert.strictEqual(withTyped.body.kind, 'account');
    const withStored = await request('POST', '/twilio/test-connection', adminToken, { ...typed(), authToken: '__PWRD__' });
    assert.strictEqual(withStored.status, 200, withStored.text);
    assert.strictEqual(withStored.body.account.sid, nr.accountSid);
    for (const r of [withTyped, withStored]) assert.ok(!r.text.includes(nr.authToken), 'no secret in the answer');
  });

  it('refuses to send the stored secret to a base URL the dialog changed', async function () {
    const thiefUrl = `http://127.0.0.1:${thief.address().port}`;
    const res = await request('POST', '/twilio/test-connection', adminToken, { ...typed(), authToken: '__PWRD__', baseUrl: thiefUrl });
    assert.strictEqual(res.status, 400);
    assert.match(res.body.error, /retype the secret/);
    assert.deepStrictEqual(stolen, [], 'nothing reached the changed base URL');
    // with the secret typed again, the person chose to send it there
    const retyped = await request('POST', '/twilio/test-connection', adminToken, { ...typed(), baseUrl: thiefUrl });
    assert.strictEqual(retyped.status, 200);
    assert.strictEqual(stolen.length, 1);
  });

  it('answers 503 for stored secrets of a config node that is not deployed', async function () {
    const res = await request('POST', '/twilio/test-connection', adminToken, { ...typed(), id: 'never-deployed', authToken: '__PWRD__' });
    assert.strictEqual(res.status, 503);
    assert.match(res.body.error, /not deployed/);
  });
});

// The editor's admin routes through node-red-node-test-helper: the object list and detail
// the Import panel reads, and Test connection against the sandbox and a loopback stand-in.
const http = require('http');
const assert = require('assert');
const helper = require('node-red-node-test-helper');
const accountNode = require('../../../dist/nodes/twilio-account.js');
const { startSandbox, SANDBOX_DEFAULTS } = require('../../../dist/sandbox/server.js');
const { loadIndex } = require('../../../dist/nodes/catalog/catalog.js');
const { registerAdminRoutes } = require('../../../dist/nodes/admin/routes.js');

helper.init(require.resolve('node-red'));

const A = SANDBOX_DEFAULTS.accountSid;
const TOKEN = SANDBOX_DEFAULTS.authToken;
const ACTIONS = ['get', 'query', 'create', 'update', 'delete'];

/** Every secret a test hands over; no admin response may contain any of them. */
const secrets = new Set([TOKEN]);
function assertNoSecret(res) {
  const text = res.text || JSON.stringify(res.body);
  for (const s of secrets) assert.ok(!text.includes(s), `response leaks a secret: ${text.slice(0, 200)}`);
  assert.ok(!/auth_token/.test(text), 'response carries an auth_token field');
}

function accountFlow(extra = {}) {
  return [{ id: 'acc', type: 'twilio-account', name: 'sandbox', authType: 'token', baseUrl: extra.baseUrl || '', region: '', edge: '', ...extra }];
}

describe('admin routes', function () {
  let sandbox;
  before(async function () {
    sandbox = await startSandbox({ port: 0 });
  });
  after(async function () {
    await sandbox.close();
  });
  beforeEach(function (done) {
    helper.startServer(done);
  });
  afterEach(async function () {
    await helper.unload();
    await new Promise((r) => helper.stopServer(r));
  });

  it('register behind twilio-account.read and twilio-account.write', function () {
    const routes = [];
    const fakeRED = {
      httpAdmin: {
        get: (path, perm) => routes.push(['GET', path, perm.permission]),
        post: (path, perm) => routes.push(['POST', path, perm.permission]),
      },
      auth: { needsPermission: (p) => Object.assign((req, res, next) => next(), { permission: p }) },
      nodes: { getNode: () => null },
    };
    registerAdminRoutes(fakeRED);
    registerAdminRoutes(fakeRED); // once per runtime, however often the node file loads
    assert.deepStrictEqual(routes, [
      ['GET', '/twilio/objects', 'twilio-account.read'],
      ['GET', '/twilio/objects/:id', 'twilio-account.read'],
      ['GET', '/twilio/objects/:id/profile', 'twilio-account.read'],
      ['GET', '/twilio/objects/:id/check', 'twilio-account.read'],
      ['POST', '/twilio/test-connection', 'twilio-account.write'],
    ]);
  });

  describe('object list and detail', function () {
    beforeEach(function () {
      return helper.load(accountNode, accountFlow(), { acc: { accountSid: A, authToken: TOKEN } });
    });

    for (const action of ACTIONS) {
      it(`lists exactly the objects supporting ${action}, grouped and labelled`, async function () {
        const res = await helper.request().get('/twilio/objects').query({ action }).expect(200);
        const expected = Object.entries(loadIndex().objects).filter(([, o]) => o.actions.includes(action)).map(([id]) => id).sort();
        assert.deepStrictEqual(res.body.map((o) => o.id).sort(), expected);
        for (const o of res.body) {
          assert.ok(o.label && o.group, `label and group for ${o.id}`);
          assert.ok(o.actions.includes(action));
        }
      });
    }

    it('lists all 480 objects of every product without an action and refuses an unknown one', async function () {
      const all = await helper.request().get('/twilio/objects').expect(200);
      assert.strictEqual(all.body.length, 480);
      assert.strictEqual(all.body.filter((o) => o.product === 'api.v2010').length, 71);
      const bad = await helper.request().get('/twilio/objects').query({ action: 'upsert' }).expect(400);
      assert.match(bad.body.error, /upsert/);
    });

    it('tells the picker each object\'s product, parent and path words (v2010 first)', async function () {
      const res = await helper.request().get('/twilio/objects').query({ action: 'create' }).expect(200);
      assert.strictEqual(res.body[0].product, 'api.v2010');
      const byId = new Map(res.body.map((o) => [o.id, o]));
      const pn = byId.get('messaging.v1.Services.PhoneNumbers');
      assert.deepStrictEqual(
        { product: pn.product, productLabel: pn.productLabel, parent: pn.parent, path: pn.path, group: pn.group },
        { product: 'messaging.v1', productLabel: 'Messaging v1', parent: 'messaging.v1.Services', path: ['Services', 'PhoneNumbers'], group: 'Messaging v1' },
      );
      assert.strictEqual(byId.get('api.v2010.Messages').parent, undefined);
      assert.strictEqual(byId.get('api.v2010.Conferences.Participants').parent, 'api.v2010.Conferences');
    });

    it('describes Lookup v2 PhoneNumbers for get: query parameters, a phone number as the identity', async function () {
      const res = await helper.request().get('/twilio/objects/lookups.v2.PhoneNumbers').query({ action: 'get' }).expect(200);
      const get = res.body.actions.get;
      assert.strictEqual(get.chainHint, 'PhoneNumber');
      assert.ok(get.query.some((p) => p.name === 'Fields'));
    });

    it('describes Conference Participant for get: chain hint, fields, response profile', async function () {
      const res = await helper.request().get('/twilio/objects/api.v2010.Conferences.Participants').query({ action: 'get' }).expect(200);
      assert.strictEqual(res.body.label, 'Conference Participant');
      assert.deepStrictEqual(Object.keys(res.body.actions), ['get']);
      const get = res.body.actions.get;
      assert.strictEqual(get.chainHint, '[AccountSid:]ConferenceSid:CallSid');
      assert.strictEqual(get.needsSid, true);
      assert.strictEqual(get.identity, 'call_sid');
      assert.ok(get.fields.some((f) => f.name === 'muted' && f.type === 'boolean'));
      assert.match(get.samples.response, /<TwilioResponse>\s*<Participant>[\s\S]*<CallSid>CA0{32}<\/CallSid>/);
      assert.strictEqual(get.samples.request, undefined);
    });

    it('describes Message create: required and conditional parameters, request profile', async function () {
      const res = await helper.request().get('/twilio/objects/api.v2010.Messages').query({ action: 'create' }).expect(200);
      const c = res.body.actions.create;
      assert.strictEqual(c.chainHint, '[AccountSid]');
      assert.strictEqual(c.needsSid, false);
      const to = c.params.find((p) => p.name === 'To');
      assert.strictEqual(to.required, true);
      assert.strictEqual(c.params.find((p) => p.name === 'Body').conditional, true);
      assert.ok(c.params.find((p) => p.name === 'MediaUrl').array);
      assert.deepStrictEqual(c.conditional, [['From', 'MessagingServiceSid'], ['Body', 'MediaUrl', 'ContentSid']]);
      assert.match(c.samples.request, /^<Message>\n {2}<To>\+15005550006<\/To>/);
      assert.match(c.samples.response, /<Message>[\s\S]*<DateCreated>Mon, 17 Sep 2012 01:13:42 \+0000<\/DateCreated>/);
    });

    it('describes Message query: date filters with operators, a page profile', async function () {
      const res = await helper.request().get('/twilio/objects/api.v2010.Messages').query({ action: 'query' }).expect(200);
      const q = res.body.actions.query;
      assert.deepStrictEqual(q.filters.map((f) => [f.name, !!f.dateOps]), [['To', false], ['From', false], ['DateSent', true]]);
      assert.match(q.samples.response, /<Messages page="0"[^>]*>\s*<Message>/);
    });

    it('returns every action without ?action, 404 for unknown objects or unsupported actions', async function () {
      const all = await helper.request().get('/twilio/objects/api.v2010.Calls').expect(200);
      assert.deepStrictEqual(Object.keys(all.body.actions).sort(), ['create', 'delete', 'get', 'query', 'update']);
      await helper.request().get('/twilio/objects/api.v2010.Nope').expect(404);
      const r = await helper.request().get('/twilio/objects/api.v2010.Balance').query({ action: 'delete' }).expect(404);
      assert.match(r.body.error, /Balance/);
    });

    it('previews the response profile with only the checked fields, realistic values and the date style', async function () {
      const res = await helper.request().get('/twilio/objects/api.v2010.Messages/profile')
        .query({ action: 'get', fields: 'sid,status,date_sent', dates: 'iso' }).expect(200);
      const xml = res.body.response;
      assert.match(xml, /<Sid>SM0{32}<\/Sid>/);
      assert.match(xml, /<Status>queued<\/Status>/, 'an enum field shows one of its values');
      assert.match(xml, /<DateSent>2012-09-17T01:13:42Z<\/DateSent>/, 'ISO dates when the node sends ISO');
      assert.doesNotMatch(xml, /<Body>|<To>|<DateCreated>/, 'unchecked fields are left out');
      const all = await helper.request().get('/twilio/objects/api.v2010.IncomingPhoneNumbers/profile').query({ action: 'get' }).expect(200);
      assert.match(all.body.response, /<Capabilities>\s*<voice type="boolean">true<\/voice>/, 'formats get real sample values');
      await helper.request().get('/twilio/objects/api.v2010.Balance/profile').query({ action: 'delete' }).expect(404);
    });

    it('a JSON-body operation\'s profile is JSON, with the checked fields; format=json asks for JSON anywhere', async function () {
      const detail = await helper.request().get('/twilio/objects/assistants.v1.Assistants').query({ action: 'create' }).expect(200);
      const create = detail.body.actions.create;
      assert.strictEqual(create.bodyType, 'json');
      assert.strictEqual(JSON.parse(create.samples.request).name, 'string', 'the request sample is a JSON document of the body parameters');
      assert.strictEqual(JSON.parse(create.samples.response).account_sid, 'AC' + '0'.repeat(32));
      const some = await helper.request().get('/twilio/objects/assistants.v1.Assistants/profile').query({ action: 'create', fields: 'id,name' }).expect(200);
      assert.deepStrictEqual(Object.keys(JSON.parse(some.body.response)), ['id', 'name']);
      const msg = await helper.request().get('/twilio/objects/api.v2010.Messages/profile').query({ action: 'get', fields: 'sid', format: 'json' }).expect(200);
      assert.deepStrictEqual(JSON.parse(msg.body.response), { sid: 'SM' + '0'.repeat(32) });
      const xml = await helper.request().get('/twilio/objects/api.v2010.Messages/profile').query({ action: 'get', fields: 'sid' }).expect(200);
      assert.match(xml.body.response, /^<TwilioResponse>\s*<Message>\s*<Sid>/, 'XML stays the default');
    });

    it('checks a static value with the runtime\'s own parsers: Sid, date filter, parameter', async function () {
      const check = (id, q) => helper.request().get(`/twilio/objects/${id}/check`).query(q).expect(200).then((r) => r.body);
      assert.deepStrictEqual(await check('api.v2010.Messages', { action: 'get', kind: 'sid', value: 'SM' + 'a'.repeat(32) }), { ok: true });
      const sid = await check('api.v2010.Messages', { action: 'get', kind: 'sid', value: 'XX123' });
      assert.strictEqual(sid.ok, false);
      assert.match(sid.reason, /XX123/);
      const date = await check('api.v2010.Messages', { action: 'query', kind: 'filter', name: 'DateSent', op: 'before', value: 'next tuesday' });
      assert.strictEqual(date.ok, false);
      assert.match(date.reason, /DateSent/);
      assert.deepStrictEqual(await check('api.v2010.Messages', { action: 'query', kind: 'filter', name: 'DateSent', op: 'on', value: '-7d' }), { ok: true });
      const timeout = await check('api.v2010.Calls', { action: 'create', kind: 'param', name: 'Timeout', value: 'soon' });
      assert.strictEqual(timeout.ok, false);
      assert.match(timeout.reason, /Timeout/);
      assert.deepStrictEqual(await check('api.v2010.Calls', { action: 'create', kind: 'param', name: 'Timeout', value: '30' }), { ok: true });
      // the phone rules are the runtime's: what it accepts, the check accepts
      assert.deepStrictEqual(await check('api.v2010.Messages', { action: 'create', kind: 'param', name: 'To', value: '+1 (555) 867-5310' }), { ok: true });
      await helper.request().get('/twilio/objects/api.v2010.Messages/check').query({ action: 'get', kind: 'nope', value: 'x' }).expect(400);
      await helper.request().get('/twilio/objects/api.v2010.Nope/check').query({ action: 'get', kind: 'sid', value: 'x' }).expect(404);
    });

    it('leaves the Account record secret out of every detail (its schema holds auth_token as a field name only)', async function () {
      const res = await helper.request().get('/twilio/objects/api.v2010.Accounts').query({ action: 'get' }).expect(200);
      // the profile names the field, with a placeholder value, never a real token
      assert.match(res.body.actions.get.samples.response, /<AuthToken>string<\/AuthToken>/);
      assert.ok(!res.text.includes(TOKEN));
    });
  });

  describe('test connection', function () {
    function post(body) {
      return helper.request().post('/twilio/test-connection').send(body);
    }

    it('authenticates with typed credentials and shows the account', async function () {
      await helper.load(accountNode, [], {});
      const res = await post({ authType: 'token', accountSid: A, authToken: TOKEN, baseUrl: sandbox.url }).expect(200);
      assert.strictEqual(res.body.ok, true);
      assert.strictEqual(res.body.kind, 'account');
      assert.strictEqual(res.body.account.sid, A);
      assert.ok(res.body.account.friendlyName);
      assert.ok(res.body.account.status);
      assertNoSecret(res);
    });

    it("shows Twilio's error message and code for a wrong token", async function () {
      await helper.load(accountNode, [], {});
      secrets.add('wrong-token-123');
      const res = await post({ authType: 'token', accountSid: A, authToken: 'wrong-token-123', baseUrl: sandbox.url }).expect(200);
      assert.strictEqual(res.body.ok, false);
      assert.strictEqual(res.body.status, 401);
      assert.strictEqual(res.body.code, 20003);
      assert.ok(res.body.message);
      assertNoSecret(res);
    });

    it('uses the stored secret with the deployed node’s own base URL', async function () {
      await helper.load(accountNode, accountFlow({ baseUrl: sandbox.url }), { acc: { accountSid: A, authToken: TOKEN } });
      const res = await post({ id: 'acc', authType: 'token', accountSid: A, authToken: '__PWRD__', baseUrl: sandbox.url + '/' }).expect(200);
      assert.strictEqual(res.body.kind, 'account');
      assertNoSecret(res);
    });

    it('refuses to send the stored secret to a base URL, region or edge the dialog changed', async function () {
      await helper.load(accountNode, accountFlow({ baseUrl: sandbox.url }), { acc: { accountSid: A, authToken: TOKEN } });
      const stand = await standIn(() => [200, { sid: A, friendly_name: 'thief', type: 'Full', status: 'active' }]);
      try {
        for (const change of [{ baseUrl: stand.url }, { baseUrl: sandbox.url, region: 'ie1' }, { baseUrl: sandbox.url, edge: 'dublin' }]) {
          const res = await post({ id: 'acc', authType: 'token', accountSid: A, authToken: '__PWRD__', ...change }).expect(400);
          assert.match(res.body.error, /retype the secret/);
          assertNoSecret(res);
        }
        assert.strictEqual(stand.requests.length, 0, 'nothing reached the changed base URL');
      } finally {
        await stand.close();
      }
    });

    it('asks a brand-new node (nothing typed, nothing deployed) for what is missing', async function () {
      await helper.load(accountNode, [], {});
      let res = await post({ id: 'brand-new', authType: 'token', accountSid: '', authToken: '' }).expect(400);
      assert.strictEqual(res.body.error, 'Enter the Account SID and Auth Token, or deploy to test stored credentials');
      res = await post({ id: 'brand-new', authType: 'apikey', accountSid: '', apiKeySid: '', apiKeySecret: '' }).expect(400);
      assert.strictEqual(res.body.key, 'missingKeyCredentials');
    });

    it('answers 503 with a JSON error when the stored secret belongs to an undeployed node', async function () {
      await helper.load(accountNode, [], {});
      const res = await post({ id: 'not-deployed', authType: 'token', accountSid: A, authToken: '__PWRD__', baseUrl: sandbox.url }).expect(503);
      assert.match(res.body.error, /not deployed/);
    });

    it('refuses base URLs outside *.twilio.com and loopback, and malformed SIDs, before sending', async function () {
      await helper.load(accountNode, [], {});
      let res = await post({ authType: 'token', accountSid: A, authToken: TOKEN, baseUrl: 'http://example.com' }).expect(400);
      assert.match(res.body.error, /refused/);
      assertNoSecret(res);
      res = await post({ authType: 'token', accountSid: A, authToken: TOKEN, baseUrl: 'http://api.twilio.com' }).expect(400);
      assert.match(res.body.error, /refused/);
      assertNoSecret(res);
      res = await post({ authType: 'token', accountSid: 'ACnope', authToken: TOKEN, baseUrl: sandbox.url }).expect(400);
      assert.match(res.body.error, /Account SID/);
      assertNoSecret(res);
    });

    it('names the missing part: an empty API Key SID, Auth Token or API Key Secret, before anything is sent', async function () {
      await helper.load(accountNode, accountFlow({ baseUrl: sandbox.url }), { acc: { accountSid: A, authToken: TOKEN } });
      // API key selected, SID empty: the SID is what is missing, whether a secret is typed or not
      for (const secret of ['', '__PWRD__', 'typed-secret']) {
        const res = await post({ id: 'acc', authType: 'apikey', accountSid: A, apiKeySid: '', apiKeySecret: secret, baseUrl: sandbox.url }).expect(400);
        assert.strictEqual(res.body.key, 'missingApiKeySid');
        assert.match(res.body.error, /API Key SID/);
      }
      let res = await post({ id: 'acc', authType: 'apikey', accountSid: A, apiKeySid: 'SK' + '0'.repeat(32), apiKeySecret: '', baseUrl: sandbox.url }).expect(400);
      assert.strictEqual(res.body.key, 'missingApiKeySecret');
      res = await post({ authType: 'token', accountSid: A, authToken: '' }).expect(400);
      assert.strictEqual(res.body.key, 'missingAuthToken');
      res = await post({ authType: 'token', accountSid: '', authToken: 'typed' }).expect(400);
      assert.strictEqual(res.body.key, 'missingAccountSid');
    });

    it('answers 502 "transport" when the base URL cannot be reached (a real attempt that failed)', async function () {
      await helper.load(accountNode, [], {});
      const closed = await standIn(() => [200, {}]);
      await closed.close();
      const res = await post({ authType: 'token', accountSid: A, authToken: 'typed-token', baseUrl: closed.url, timeout: 3000 }).expect(502);
      assert.strictEqual(res.body.key, 'transport');
      assert.match(res.body.error, /Could not reach/);
    });

    it('says "authenticated; this key cannot read account details" for a standard API key', async function () {
      await helper.load(accountNode, [], {});
      const auth = 'Basic ' + Buffer.from(`${A}:${TOKEN}`).toString('base64');
      const made = await fetch(`${sandbox.url}/2010-04-01/Accounts/${A}/Keys.json`, {
        method: 'POST',
        headers: { Authorization: auth, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'FriendlyName=editor-test',
      });
      const key = await made.json();
      assert.ok(key.secret, 'the sandbox returns the new key secret once');
      secrets.add(key.secret);
      const res = await post({ authType: 'apikey', accountSid: A, apiKeySid: key.sid, apiKeySecret: key.secret, baseUrl: sandbox.url }).expect(200);
      assert.strictEqual(res.body.ok, true);
      assert.strictEqual(res.body.kind, 'limited');
      assertNoSecret(res);
    });

    it("recognises Twilio's test credentials (403, code 20008)", async function () {
      await helper.load(accountNode, [], {});
      const stand = await standIn(() => [403, { code: 20008, message: 'Resource not accessible with Test Account Credentials', more_info: 'https://www.twilio.com/docs/errors/20008', status: 403 }]);
      try {
        const res = await post({ authType: 'token', accountSid: A, authToken: 'test-token-xyz', baseUrl: stand.url }).expect(200);
        assert.deepStrictEqual(res.body, { ok: true, kind: 'testCredentials', accountSid: A });
        assert.strictEqual(stand.requests[0].url, `/2010-04-01/Accounts/${A}.json`);
      } finally {
        await stand.close();
      }
    });
  });
});

/** A loopback server answering every request with answer() = [status, body]. */
function standIn(answer) {
  const requests = [];
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method, url: req.url, auth: req.headers.authorization });
    const [status, body] = answer(req);
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({ url: `http://127.0.0.1:${server.address().port}`, requests, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

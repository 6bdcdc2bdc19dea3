// The secret scan (docs/reliability.md): with recognisable credentials, run success and
// failure paths (401, refused host, timeout, 500, reset, malformed body, redirect, 429
// exhausted, Accounts get/query) and search everything a flow or an admin sees — GET /flows,
// every output message, msg.error, node status, the runtime log at every level, admin route
// answers — for the secret raw, URL-encoded, JSON-escaped and as base64 of `user:secret`.
// A later secret (a webhook's Auth Token, a proxy password) joins by adding a line to SECRETS.
'use strict';
const assert = require('assert');
const util = require('util');
const h = require('../support/harness');
const o = require('../support/outbound');
const { startHostileServer } = require('../support/hostile-server');

const { helper } = h;
const ACCOUNT_SID = h.ACCOUNT_SID;
const TOKEN = 'f00dcafe' + 'a5ec12e7'.repeat(3);
const KEY_SID = 'SK' + 'bead'.repeat(8);
const KEY_SECRET = 'KeySecret' + 'Zq7xW2'.repeat(4);
const WEBHOOK_TOKEN = 'beefd00d' + '0ddba11e'.repeat(3);

/** One line per secret: its value, the user it pairs with in Basic auth, and the account settings that use it. */
const SECRETS = [
  { name: 'Auth Token', value: TOKEN, user: ACCOUNT_SID, account: {}, credentials: { authToken: TOKEN } },
  { name: 'API key secret', value: KEY_SECRET, user: KEY_SID, account: { authType: 'apikey' }, credentials: { apiKeySid: KEY_SID, apiKeySecret: KEY_SECRET } },
  // An API-key account's Auth Token is only for verifying webhooks (twilio-webhook): it never travels at all.
  { name: 'webhook Auth Token of an API-key account', value: WEBHOOK_TOKEN, user: ACCOUNT_SID, account: { authType: 'apikey' }, credentials: { apiKeySid: KEY_SID, apiKeySecret: KEY_SECRET, authToken: WEBHOOK_TOKEN } },
];

/** The forms a secret travels in. */
function formsOf(s) {
  return {
    raw: s.value,
    urlEncoded: encodeURIComponent(s.value),
    jsonEscaped: JSON.stringify(s.value).slice(1, -1),
    basicAuth: Buffer.from(`${s.user}:${s.value}`).toString('base64'),
    basicAuthUrlEncoded: encodeURIComponent(Buffer.from(`${s.user}:${s.value}`).toString('base64')),
  };
}

const SM = 'SM' + 'c'.repeat(32);
const get = (object = 'api.v2010.Messages', sid = SM) => ({ type: 'twilio-get', props: { object }, msg: { sid } });
/** Each path: the server (sandbox or hostile mode), the node and its message. */
const PATHS = [
  { name: 'success: Get own Account', server: 'sandbox', ...get('api.v2010.Accounts', ACCOUNT_SID) },
  { name: 'success: Get own Account as XML', server: 'sandbox', ...get('api.v2010.Accounts', ACCOUNT_SID), props: { object: 'api.v2010.Accounts', format: 'xml' } },
  { name: 'success: Query Accounts', server: 'sandbox', type: 'twilio-query', props: { object: 'api.v2010.Accounts', sid: '', sidType: 'str', filters: [], outputMode: 'page' }, msg: { payload: 1 } },
  { name: 'success: Create Message', server: 'sandbox', type: 'twilio-create', props: { object: 'api.v2010.Messages', sid: '', sidType: 'str' }, msg: { payload: { To: '+15558675310', From: '+15005550006', Body: 'hi' } } },
  { name: '401', server: ['status', { status: 401, code: 20003, message: 'Authenticate' }], ...get() },
  { name: '401 with error output', server: ['status', { status: 401, code: 20003, message: 'Authenticate' }], ...get(), props: { object: 'api.v2010.Messages', errorOutput: true } },
  { name: 'refused host', server: 'refused', ...get() },
  { name: 'timeout', server: ['hang'], ...get(), account: { timeout: 300, maxRetries: 0 } },
  { name: '500', server: ['status', { status: 500 }], ...get(), account: { maxRetries: 0 } },
  { name: 'reset', server: ['reset'], ...get(), account: { maxRetries: 0 } },
  { name: 'malformed body', server: ['truncatedJson'], ...get() },
  { name: 'redirect', server: ['redirect', { location: 'https://evil.example/steal' }], ...get() },
  { name: 'an error body echoing the secret, on output 2', server: (sec) => ['status', { status: 400, body: { code: 21211, message: 'bad', status: 400, auth_token: sec.value } }], ...get(), props: { object: 'api.v2010.Messages', errorOutput: true } },
  { name: 'a redirect body echoing the secret', server: (sec) => ['status', { status: 302, body: { auth_token: sec.value }, headers: { location: 'https://api.twilio.com/x' } }], ...get() },
  { name: '429 exhausted', server: ['status', { status: 429, code: 20429, headers: { 'retry-after': '0' } }], ...get(), account: { maxRetries: 1 } },
];

/** Everything below, as text, without throwing on cycles. */
function dump(value) {
  const seen = new WeakSet();
  let json;
  try {
    json = JSON.stringify(value, (k, v) => {
      if (v && typeof v === 'object') { if (seen.has(v)) return '[cycle]'; seen.add(v); }
      if (typeof v === 'bigint') return String(v);
      return v;
    });
  } catch { json = ''; }
  return `${json}\n${util.inspect(value, { depth: 12, maxStringLength: Infinity, maxArrayLength: Infinity })}`;
}

const { STATUS_EVERY_MS } = require('../../dist/nodes/runtime/node-status.js');

describe('reliability: secret scan', function () {
  this.timeout(30000);
  let sandbox;
  let hostile;
  const counts = { runs: 0, places: 0, forms: 0 };
  before(async function () {
    sandbox = await h.startSandbox({ port: 0, authToken: TOKEN, apiKeySid: KEY_SID, apiKeySecret: KEY_SECRET });
    hostile = await startHostileServer();
  });
  after(async function () {
    await sandbox.close();
    await hostile.close();
    console.log(`      secret scan: ${counts.runs} runs, ${counts.places} places searched for ${counts.forms} forms each, no secret found`);
  });
  beforeEach(function (done) { sandbox.reset(); helper.startServer(done); });
  afterEach(async function () { await helper.unload(); await new Promise((r) => helper.stopServer(r)); });

  for (const secret of SECRETS) {
    for (const path of PATHS) {
      it(`${secret.name}: ${path.name}`, async function () {
        let url = sandbox.url;
        if (path.server === 'refused') url = 'https://evil.example.com';
        else if (path.server !== 'sandbox') {
          hostile.use(...(typeof path.server === 'function' ? path.server(secret) : path.server));
          url = hostile.url;
        }
        const flow = o.actionFlow({ url }, path.type, { sid: 'sid', sidType: 'msg', ...path.props },
          { maxRetries: 1, timeout: 2000, ...secret.account, ...(path.account || {}) });
        await h.load(flow, { acc: { accountSid: ACCOUNT_SID, ...secret.credentials } });
        const seen = { out: [], err: [], caught: [] };
        for (const id of Object.keys(seen)) helper.getNode(id).on('input', (m) => seen[id].push(m));
        helper.getNode('node').receive(structuredClone(path.msg));
        const ended = () => seen.out.length + seen.err.length + seen.caught.length;
        for (let waited = 0; ended() === 0 && waited < 8000; waited += 20) await new Promise((r) => setTimeout(r, 20));
        // anything after the outcome is scanned too, the status's last redraw included
        await new Promise((r) => setTimeout(r, STATUS_EVERY_MS + 50));
        assert.ok(ended() >= 1, 'the message ended');
        if (path.server === 'sandbox') assert.ok(seen.out.length >= 1, `success path succeeded: ${dump(seen.caught.map((m) => m.error)).slice(0, 300)}`);

        const flows = await helper.request().get('/flows').set('Node-RED-API-Version', 'v2');
        const admin = await helper.request().post('/twilio/test-connection').send({ id: 'acc', authType: secret.account.authType || 'token', accountSid: ACCOUNT_SID, apiKeySid: secret.credentials.apiKeySid, baseUrl: url, timeout: 1000 });
        const places = {
          'GET /flows': flows.text,
          'output 1': dump(seen.out),
          'output 2': dump(seen.err),
          'msg.error (catch)': dump(seen.caught),
          'node status': dump(helper.getNode('node').status.args),
          'runtime log (all levels)': dump(helper.log().args),
          'admin test-connection': `${admin.status} ${admin.text}`,
          'admin objects': (await helper.request().get('/twilio/objects/api.v2010.Accounts')).text,
        };
        counts.runs++;
        for (const [place, text] of Object.entries(places)) {
          counts.places++;
          const forms = formsOf(secret);
          counts.forms = Object.keys(forms).length;
          for (const [form, needle] of Object.entries(forms)) {
            assert.ok(!String(text).includes(needle), `${secret.name} (${form}) found in ${place}`);
          }
        }
      });
    }
  }
});

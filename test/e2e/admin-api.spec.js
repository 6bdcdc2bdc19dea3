// The acceptance check: against `npm run sandbox`, a flow deployed through
// Node-RED's admin API queries, gets, creates, updates and deletes records.
const assert = require('assert');
const { SANDBOX_DEFAULTS } = require('../../dist/sandbox/server.js');
const { startSandboxCli, stopChild } = require('../support/processes');
const { startNodeRedChild } = require('../support/node-red');

const A = SANDBOX_DEFAULTS.accountSid;
const auth = 'Basic ' + Buffer.from(`${A}:${SANDBOX_DEFAULTS.authToken}`).toString('base64');

describe('a flow deployed through the admin API against npm run sandbox', function () {
  this.timeout(60000);
  let sandbox;
  let nodeRed;
  before(async function () {
    sandbox = await startSandboxCli();
    nodeRed = await startNodeRedChild({ sandbox: false });
  });
  after(async function () {
    if (nodeRed) await stopChild(nodeRed.child);
    if (sandbox) await stopChild(sandbox.child);
  });

  async function twilio(method, path, form) {
    const res = await fetch(sandbox.url + path, {
      method, headers: { Authorization: auth, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    return { status: res.status, body: res.status === 204 ? null : await res.json() };
  }

  function action(id, type, object, wires, extra = {}) {
    return {
      id, type, z: 't', account: 'acc', object, sid: 'sid', sidType: 'msg', format: 'json', dates: 'rfc2822',
      errorOutput: false, tracking: 'none', fields: [], wires, ...extra,
    };
  }

  it('queries and gets seeded records, then sends, updates and deletes a message', async function () {
    // Seed through plain HTTP, as Twilio's REST API is spoken.
    for (const body of ['one', 'two', 'three']) {
      assert.strictEqual((await twilio('POST', `/2010-04-01/Accounts/${A}/Messages.json`, { To: '+15558675310', From: '+15005550006', Body: body })).status, 201);
    }
    // An http-in endpoint per operation answers with what the Twilio node emitted.
    const endpoint = (id, url, next) => ({ id, type: 'http in', z: 't', url, method: 'post', upload: false, wires: [[next]] });
    const reply = (id) => ({ id, type: 'http response', z: 't', statusCode: '', headers: {}, wires: [] });
    const flows = [
      { id: 't', type: 'tab', label: 'acceptance' },
      { id: 'acc', type: 'twilio-account', name: 'sandbox', authType: 'token', baseUrl: sandbox.url, region: '', edge: '', timeout: 5000, maxRetries: 1, retryMaxWait: 5000, maxConcurrent: 4, maxPerSecond: 0, credentials: { accountSid: A, authToken: SANDBOX_DEFAULTS.authToken } },
      { id: 'in-ready', type: 'http in', z: 't', url: '/ready', method: 'get', upload: false, wires: [['r-ready']] }, reply('r-ready'),
      endpoint('in-q', '/query', 'q'), action('q', 'twilio-query', 'api.v2010.Messages', [['r-q']], { sid: '', sidType: 'str', outputMode: 'array', limit: 0, pageSize: 2, filters: [{ field: 'To', op: 'eq', value: '+15558675310', valueType: 'str' }] }), reply('r-q'),
      endpoint('in-g', '/get', 'g'), action('g', 'twilio-get', 'api.v2010.Messages', [['r-g']], { sid: 'payload.sid', sidType: 'msg' }), reply('r-g'),
      endpoint('in-c', '/create', 'c'), action('c', 'twilio-create', 'api.v2010.Messages', [['r-c']], { sid: '', sidType: 'str', request: 'payload', requestType: 'msg', params: [{ name: 'From', value: '+15005550006', valueType: 'str' }] }), reply('r-c'),
      endpoint('in-u', '/update', 'u'), action('u', 'twilio-update', 'api.v2010.Messages', [['r-u']], { sid: 'payload.sid', sidType: 'msg', request: '', requestType: 'none', params: [{ name: 'Body', value: '""', valueType: 'json' }] }), reply('r-u'),
      endpoint('in-d', '/delete', 'd'), action('d', 'twilio-delete', 'api.v2010.Messages', [['r-d']], { sid: 'payload.sid', sidType: 'msg' }), reply('r-d'),
    ];
    const deploy = await fetch(`${nodeRed.url}/flows`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'Node-RED-Deployment-Type': 'full' }, body: JSON.stringify(flows),
    });
    assert.ok(deploy.status === 200 || deploy.status === 204, await deploy.text());
    // The admin API answers a deploy before the new flows have started.
    for (let i = 0; i < 100 && (await fetch(`${nodeRed.url}/api/ready`)).status !== 200; i++) await new Promise((r) => setTimeout(r, 50));
    const call = async (path, payload) => {
      const res = await fetch(`${nodeRed.url}/api${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(payload) });
      const text = await res.text();
      try { return { status: res.status, body: JSON.parse(text) }; } catch (e) { throw new Error(`${path}: ${res.status} ${text.slice(0, 300)}`, { cause: e }); }
    };

    const listed = await call('/query', {});
    assert.strictEqual(listed.status, 200);
    assert.deepStrictEqual(listed.body.map((m) => m.body).sort(), ['one', 'three', 'two']);

    const got = await call('/get', { sid: listed.body[0].sid });
    assert.deepStrictEqual(got.body, listed.body[0]);

    const created = await call('/create', { To: '+1 (555) 867-5310', Body: 'via the admin API' });
    assert.match(created.body.sid, /^SM[0-9a-f]{32}$/);
    assert.strictEqual(created.body.to, '+15558675310');
    assert.strictEqual((await twilio('GET', `/2010-04-01/Accounts/${A}/Messages/${created.body.sid}.json`)).body.body, 'via the admin API');

    const updated = await call('/update', { sid: created.body.sid });
    assert.strictEqual(updated.body.body, '');
    assert.strictEqual((await twilio('GET', `/2010-04-01/Accounts/${A}/Messages/${created.body.sid}.json`)).body.body, '');

    const deleted = await call('/delete', { sid: created.body.sid });
    assert.strictEqual(deleted.status, 200);
    assert.strictEqual((await twilio('GET', `/2010-04-01/Accounts/${A}/Messages/${created.body.sid}.json`)).status, 404);

    // The deployed flow, read back through the admin API, holds no secret.
    const exported = await (await fetch(`${nodeRed.url}/flows`)).text();
    assert.ok(!exported.includes(SANDBOX_DEFAULTS.authToken));
  });
});

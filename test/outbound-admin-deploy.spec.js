// The "done when": a flow deployed through Node-RED's admin API sends a message,
// updates (redacts) it and deletes it against the sandbox — a real Node-RED process, real HTTP.
const assert = require('assert');
const path = require('path');
const { spawn } = require('child_process');
const h = require('./support/harness');
const o = require('./support/outbound');

describe('a flow deployed through the admin API', function () {
  this.timeout(30000);
  let sandbox;
  let child;
  let base;
  before(async function () {
    sandbox = await h.startSandbox({ port: 0 });
    child = spawn(process.execPath, [path.join(__dirname, 'support', 'admin-node-red.js')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    base = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Node-RED did not start:\n${out}`)), 25000);
      const onData = (d) => {
        out += d;
        const m = /LISTENING (\d+)/.exec(out);
        if (m) { clearTimeout(timer); resolve(`http://127.0.0.1:${m[1]}`); }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.on('exit', (code) => reject(new Error(`Node-RED exited (${code}):\n${out}`)));
    });
  });
  after(async function () {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.on('exit', r));
      child.kill('SIGINT');
      await exited;
    }
    await sandbox.close();
  });

  it('sends a message, redacts it and deletes it', async function () {
    const z = 'flow1';
    const common = { z, account: 'acc', object: 'api.v2010.Messages', format: 'json', dates: 'rfc2822', errorOutput: false, tracking: 'none', fields: [] };
    const flows = [
      { id: z, type: 'tab', label: 'send, redact, delete' },
      {
        id: 'acc', type: 'twilio-account', name: 'sandbox', authType: 'token', baseUrl: sandbox.url, region: '', edge: '',
        timeout: 10000, maxRetries: 3, retryMaxWait: 20000, maxConcurrent: 10, maxPerSecond: 0,
        credentials: { accountSid: h.ACCOUNT_SID, authToken: h.AUTH_TOKEN },
      },
      { id: 'in', type: 'http in', z, url: '/sms', method: 'post', upload: false, wires: [['create']] },
      { id: 'create', type: 'twilio-create', ...common, sid: '', sidType: 'str', request: 'payload', requestType: 'msg', params: [], wires: [['redact']] },
      { id: 'redact', type: 'twilio-update', ...common, sid: 'sid', sidType: 'msg', request: '', requestType: 'none', params: [{ name: 'Body', value: '', valueType: 'str' }], wires: [['delete']] },
      { id: 'delete', type: 'twilio-delete', ...common, sid: 'sid', sidType: 'msg', wires: [['answer']] },
      { id: 'answer', type: 'http response', z, statusCode: '', headers: {}, wires: [] },
    ];
    const deploy = await fetch(`${base}/flows`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'Node-RED-Deployment-Type': 'full' }, body: JSON.stringify(flows),
    });
    assert.strictEqual(deploy.status, 204, await deploy.text());
    const exported = await (await fetch(`${base}/flows`)).text();
    assert.ok(!exported.includes(h.AUTH_TOKEN), 'the auth token is not in the flow export');

    const res = await fetch(`${base}/api/sms`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ To: '+1 (555) 867-5310', From: '+15005550006', Body: 'Hello from the admin API' }),
    });
    const text = await res.text();
    const record = (() => { try { return JSON.parse(text); } catch { throw new Error(`${res.status}: ${text.slice(0, 300)}`); } })();
    assert.strictEqual(res.status, 200, JSON.stringify(record));
    assert.match(record.sid, /^SM[0-9a-f]{32}$/);
    assert.strictEqual(record.body, '', 'the delete passed on the redacted record it was given');
    const path1 = o.api('/Messages.json');
    const path2 = o.api(`/Messages/${record.sid}.json`);
    assert.deepStrictEqual(sandbox.log.map((e) => [e.method, e.path, e.rawBody, e.status]), [
      ['POST', path1, 'To=%2B15558675310&From=%2B15005550006&Body=Hello+from+the+admin+API', 201],
      ['POST', path2, 'Body=', 200],
      ['DELETE', path2, '', 204],
    ]);
    assert.strictEqual((await o.fetchRecord(sandbox, path2)).status, 404);
  });
});

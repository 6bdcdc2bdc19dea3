// The two webhook examples, deployed as imported (only the account node points at the
// sandbox) in a real Node-RED, working offline: the sandbox simulates an incoming SMS and
// acts on the TwiML answer; a tracked SMS gets its signed status callbacks into flow context.
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const { startNodeRed } = require('../../dist/scripts/embed-node-red.js');
const { startSandbox, SANDBOX_DEFAULTS } = require('../../dist/sandbox/server.js');
const { prepareWebhookExamples } = require('../../dist/scripts/example-webhooks.js');
const { callWebhook } = require('../support/webhook-client');
const { deployFlows, recordSends } = require('../support/node-red-deploy');

const A = SANDBOX_DEFAULTS.accountSid;
const TOKEN = SANDBOX_DEFAULTS.authToken;
const dir = path.join(__dirname, '..', '..', 'examples');

function imported(files, sandbox) {
  const flows = [];
  for (const f of files) {
    for (const n of JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'))) {
      if (n.type === 'twilio-account') {
        if (!flows.some((x) => x.id === n.id)) flows.push({ ...n, baseUrl: sandbox.url, credentials: { accountSid: A, authToken: TOKEN } });
      } else {
        flows.push(n);
      }
    }
  }
  return flows;
}

const until = async (test, ms = 10000) => {
  const end = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('webhook examples (real Node-RED + sandbox, offline)', function () {
  this.timeout(40000);
  let nr;
  let sandbox;
  let sends;
  const saved = { ...process.env };

  before(async function () {
    sandbox = await startSandbox({ port: 0, callbackDelayMs: 30 });
    nr = await startNodeRed();
    delete process.env.TWILIO_WEBHOOK_BASE;
    prepareWebhookExamples(sandbox, A, `${nr.url}/api`);
    await deployFlows(nr, imported(['auto-reply-to-an-incoming-sms.json', 'track-delivery-status.json'], sandbox));
    sends = recordSends(nr);
  });
  after(async function () {
    process.env = saved;
    if (sends) sends.stop();
    if (nr) await nr.stop();
    if (sandbox) await sandbox.close();
  });

  const inject = (id) => fetch(`${nr.url}/inject/${id}`, { method: 'POST' }).then((r) => assert.strictEqual(r.status, 200));

  it('auto-reply: inbound SMS → twilio in → twiml → http response → the sandbox creates the reply message', async function () {
    await inject('reply-i');
    await until(() => sends.of('reply-sim').length === 1);
    const result = sends.of('reply-sim')[0].payload;
    assert.strictEqual(result.status, 200, JSON.stringify(result));
    assert.strictEqual(result.twiml, '<?xml version="1.0" encoding="UTF-8"?><Response><Message>Thanks! You said: Hello</Message></Response>');
    const [action] = result.actions;
    const reply = await fetch(`${sandbox.url}/2010-04-01/Accounts/${A}/Messages/${action.sid}.json`, { headers: { Authorization: 'Basic ' + Buffer.from(`${A}:${TOKEN}`).toString('base64') } }).then((r) => r.json());
    assert.deepStrictEqual([reply.body, reply.to, reply.from], ['Thanks! You said: Hello', '+15551234567', '+15005550006']);
    // The webhook emitted the inbound message's parameters.
    assert.strictEqual(sends.of('reply-in')[0].twilio.event, 'incoming-message');
  });

  it('delivery status: three signed callbacks in order reach flow context; a late "sent" does not undo "delivered"', async function () {
    await inject('status-i');
    await until(() => sends.of('status-send').length === 1);
    const sid = sends.of('status-send')[0].payload.sid;
    assert.match(sid, /^SM/);
    const flow = () => nr.RED.nodes.getNode('status-keep').context().flow;
    await until(() => (flow().get('deliveries') || {})[sid] === 'delivered' && sandbox.callbacks.length === 3 && sandbox.callbacks.every((c) => c.status));
    assert.deepStrictEqual(sandbox.callbacks.map((c) => [c.params.MessageStatus, c.status]), [['queued', 200], ['sent', 200], ['delivered', 200]]);
    const shown = sends.of('status-keep').filter((m) => m.payload && m.payload.received);
    assert.deepStrictEqual(shown.map((m) => m.payload.received), ['queued', 'sent', 'delivered']);
    // Out of order: Twilio may deliver "sent" after "delivered".
    const url = `${nr.url}/api/twilio/status`;
    const late = await callWebhook(url, url, { params: { ...sandbox.callbacks[1].params }, token: TOKEN });
    assert.strictEqual(late.status, 200);
    assert.strictEqual(flow().get('deliveries')[sid], 'delivered');
  });
});

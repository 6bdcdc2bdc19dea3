// The product examples in examples/ deployed against a fresh sandbox as a user imports them
// (only the account node changes; debug nodes become helper nodes), then what they made checked.
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const h = require('../support/harness');

const { helper } = h;
const NODES = [...h.NODES, require(require.resolve('@node-red/nodes/core/common/90-comment.js'))];
const dir = path.join(__dirname, '..', '..', 'examples');

function exampleFlow(sandbox, file) {
  const nodes = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  const tab = nodes.find((n) => n.type === 'tab').id;
  return [h.account(sandbox), ...nodes.filter((n) => n.type !== 'twilio-account').map((n) => {
    if (n.type === 'debug') return { id: n.id, z: n.z, type: 'helper', name: n.name };
    return n.account ? { ...n, account: 'acc' } : n;
  }), { id: 'catcher', z: tab, type: 'catch', scope: null, uncaught: false, wires: [['caught']] }, { id: 'caught', z: tab, type: 'helper' }];
}

describe('product examples', function () {
  let sandbox;
  before(async function () { sandbox = await h.startSandbox({ port: 0 }); });
  after(async function () { await sandbox.close(); });
  beforeEach(function (done) { sandbox.reset(); helper.startServer(done); });
  afterEach(async function () { await helper.unload(); await new Promise((r) => helper.stopServer(r)); });

  async function run(file, inject, ...shownIds) {
    await new Promise((resolve) => helper.load(NODES, exampleFlow(sandbox, file), h.credentials(), resolve));
    const errors = h.collectUntilQuiet(helper.getNode('caught'), 400);
    const shown = Promise.all(shownIds.map((id) => h.receive(helper.getNode(id))));
    helper.getNode(inject).receive({});
    const msgs = await shown;
    assert.deepStrictEqual((await errors).map((m) => m.error.message), []);
    return msgs;
  }

  it('verify a phone number: the verification goes out pending and the code approves it', async function () {
    const [verification, check] = await run('verify-a-phone-number.json', 'ver-i', 'ver-d1', 'ver-d');
    assert.strictEqual(verification.payload.status, 'pending');
    assert.strictEqual(check.payload.status, 'approved');
    assert.ok(sandbox.log.some((e) => e.method === 'POST' && /^\/verify\/v2\/Services\/VA[0-9a-f]{32}\/VerificationCheck$/.test(e.path)));
  });

  it('look up a caller\'s line type: mobile, through Fields=line_type_intelligence', async function () {
    const [msg] = await run('look-up-a-line-type.json', 'look-i', 'look-d');
    assert.strictEqual(msg.payload.line_type_intelligence.type, 'mobile');
    assert.strictEqual(sandbox.log[0].rawQuery, 'Fields=line_type_intelligence');
  });

  it('send through a Messaging Service: the message names the new service', async function () {
    const [msg] = await run('send-through-a-messaging-service.json', 'msvc-i', 'msvc-d');
    assert.match(msg.payload.messaging_service_sid, /^MG[0-9a-f]{32}$/);
    assert.strictEqual(sandbox.log[1].form.MessagingServiceSid, msg.payload.messaging_service_sid);
  });

  it('send a WhatsApp Content template: the template is created from JSON and sent with its variables', async function () {
    const [msg] = await run('send-a-whatsapp-content-template.json', 'wa-i', 'wa-d');
    const created = JSON.parse(sandbox.log[0].rawBody);
    assert.strictEqual(created.types['twilio/text'].body, 'Hi {{1}}, your order has shipped.');
    assert.match(sandbox.log[1].form.ContentSid, /^HX[0-9a-f]{32}$/);
    assert.strictEqual(sandbox.log[1].form.ContentVariables, '{"1":"Ada"}');
    assert.strictEqual(msg.payload.to, 'whatsapp:+15558675310');
  });
});

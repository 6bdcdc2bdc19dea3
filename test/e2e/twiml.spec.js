// twilio-twiml in Node-RED: typedInputs from msg and JSONata fill the rows; the result is
// ready for http response; a bad row is a catchable error and nothing is sent on.
const assert = require('assert');
const h = require('../support/harness');

const { helper } = h;
const NODES = [require('../../dist/nodes/twilio-twiml.js'), require(require.resolve('@node-red/nodes/core/common/25-catch.js'))];

describe('twilio-twiml node', function () {
  beforeEach(function (done) { helper.startServer(done); });
  afterEach(async function () { await helper.unload(); await new Promise((r) => helper.stopServer(r)); });

  function load(node) {
    const flow = [{ id: 't', type: 'tab' },
      { id: 'tw', z: 't', type: 'twilio-twiml', wires: [['out']], ...node },
      { id: 'out', z: 't', type: 'helper' },
      { id: 'c', z: 't', type: 'catch', scope: null, uncaught: false, wires: [['caught']] },
      { id: 'caught', z: 't', type: 'helper' }];
    return new Promise((r) => helper.load(NODES, flow, r));
  }

  it('rows with msg and JSONata values → TwiML in msg.payload, text/xml header', async function () {
    await load({ kind: 'voice', mode: 'rows', rows: [
      { verb: 'Gather', depth: 0, attrs: [{ name: 'numDigits', value: 'payload.digits', valueType: 'msg' }] },
      { verb: 'Say', depth: 1, text: '"Hello " & payload.From', textType: 'jsonata', attrs: [] },
    ] });
    const got = h.receive(helper.getNode('out'));
    helper.getNode('tw').receive({ payload: { From: '+15551234567', digits: 2 }, headers: { 'x-keep': '1' } });
    const msg = await got;
    assert.strictEqual(msg.payload, '<?xml version="1.0" encoding="UTF-8"?><Response><Gather numDigits="2"><Say>Hello +15551234567</Say></Gather></Response>');
    assert.deepStrictEqual(msg.headers, { 'x-keep': '1', 'content-type': 'text/xml' });
  });

  it('an empty Message from a missing msg property is a catchable error naming the verb', async function () {
    await load({ kind: 'messaging', mode: 'rows', rows: [{ verb: 'Message', depth: 0, text: 'payload.Body', textType: 'msg', attrs: [] }] });
    const caught = h.receive(helper.getNode('caught'));
    let sent = false;
    helper.getNode('out').on('input', () => { sent = true; });
    helper.getNode('tw').receive({ payload: {} });
    const msg = await caught;
    assert.match(msg.error.message, /<Message> needs text/);
    assert.strictEqual(sent, false);
  });

  it('document mode passes checked TwiML through', async function () {
    await load({ kind: 'messaging', mode: 'document', document: 'payload', documentType: 'msg' });
    const got = h.receive(helper.getNode('out'));
    helper.getNode('tw').receive({ payload: '<Response><Message>ok</Message></Response>' });
    assert.strictEqual((await got).payload, '<Response><Message>ok</Message></Response>');
  });
});

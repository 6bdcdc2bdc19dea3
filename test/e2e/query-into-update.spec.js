// A query wired straight into an update with the update's default request (msg.payload): the
// queried record is not turned into parameters; the error says so and what to set instead.
const assert = require('assert');
const h = require('../support/harness');

const { helper } = h;

describe('query → update with the default request', function () {
  let sandbox;
  before(async function () { sandbox = await h.startCheckedSandbox(); });
  after(async function () { await sandbox.close(); });
  beforeEach(function (done) {
    sandbox.reset();
    sandbox.seed(h.ACCOUNT_SID, 'api.v2010.Messages', [{ to: '+15558675310', from: '+15005550006', body: 'hello', status: 'delivered' }]);
    sandbox.clearLog();
    helper.startServer(done);
  });
  afterEach(async function () { await helper.unload(); await new Promise((r) => helper.stopServer(r)); sandbox.assertConforms(); });

  it('the record is refused as a request with what to do; no update is sent', async function () {
    await h.load([h.account(sandbox),
      { id: 'q', type: 'twilio-query', account: 'acc', object: 'api.v2010.Messages', sid: '', sidType: 'str', outputMode: 'record', limit: 0, filters: [], wires: [['u']] },
      { id: 'u', type: 'twilio-update', account: 'acc', object: 'api.v2010.Messages', sid: 'sid', sidType: 'msg', request: 'payload', requestType: 'msg', params: [], wires: [['out']] },
      { id: 'out', type: 'helper' },
      { id: 'catcher', type: 'catch', scope: null, uncaught: false, wires: [['caught']] },
      { id: 'caught', type: 'helper' }]);
    const caught = h.receive(helper.getNode('caught'));
    helper.getNode('q').receive({});
    const { error } = await caught;
    assert.strictEqual(error.source.id, 'u');
    assert.strictEqual(error.code, 'INVALID_REQUEST');
    assert.match(error.message, /^The request document looks like a Message record as Twilio returns it \(fields "[a-z_]+", /);
    assert.match(error.message, /Set Request to "none \(parameters only\)" and add the parameters to change, or map the fields you mean/);
    assert.deepStrictEqual(sandbox.log.map((e) => e.method), ['GET'], 'no update sent');
    // the status is redrawn within STATUS_EVERY_MS (nodes/runtime/node-status.ts)
    const status = helper.getNode('u').status;
    await h.until(() => status.lastCall.args[0].fill === 'red', 2000, 'a red status');
    assert.deepStrictEqual(status.lastCall.args[0], { fill: 'red', shape: 'ring', text: 'request is a record' });
  });
});

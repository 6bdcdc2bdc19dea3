// Concurrency and close (docs/architecture.md, "Limiter"): the account limiter shared by two nodes, FIFO; a
// redeploy and a stop with requests queued and in flight end each message exactly once
// (counted with Node-RED's onComplete hook), well inside Node-RED's 15 s close timeout; an
// embedded Node-RED process stopped with a hanging request exits promptly.
const assert = require('assert');
const h = require('../support/harness');
const o = require('../support/outbound');
const { startNodeRedChild } = require('../support/node-red');

const { helper } = h;
const FROM = '+15005550006';
const TO = '+15558675310';

function createNode(id, extra = {}) {
  return {
    id, type: 'twilio-create', account: 'acc', object: 'api.v2010.Messages', sid: '', sidType: 'str',
    request: 'payload', requestType: 'msg', params: [], format: 'json', dates: 'rfc2822', fields: [], wires: [['out']], ...extra,
  };
}

/** Counts onComplete per message id while installed. */
const completions = () => o.completions(helper);

describe('concurrency and close (Create, Update, Delete)', function () {
  let sandbox;
  let counter;
  before(async function () { sandbox = await h.startSandbox({ port: 0 }); });
  after(async function () { await sandbox.close(); });
  beforeEach(function (done) { sandbox.reset(); helper.startServer(() => { counter = completions(); done(); }); });
  afterEach(async function () {
    counter.remove();
    await helper.unload();
    await new Promise((r) => helper.stopServer(r));
  });

  const flowWith = (nodes, accountExtra) => [{ id: 'tab1', type: 'tab', label: 'test' }, h.account(sandbox, accountExtra),
    ...[...nodes, { id: 'out', type: 'helper' }, { id: 'catcher', type: 'catch', scope: null, uncaught: false, wires: [['caught']] },
      { id: 'caught', type: 'helper' }].map((n) => ({ ...n, z: 'tab1' }))];

  it('two nodes on one account with maxConcurrent 2: at most 2 in flight, started in FIFO order', async function () {
    sandbox.inject({ when: 'before', kind: 'latency', ms: 150, times: Infinity });
    await h.load(flowWith([createNode('n1'), createNode('n2')], { maxConcurrent: 2 }));
    const outs = h.receive(helper.getNode('out'), 8);
    for (let i = 0; i < 8; i++) helper.getNode(i % 2 ? 'n2' : 'n1').receive({ payload: { To: TO, From: FROM, Body: String(i) } });
    await outs;
    assert.strictEqual(sandbox.log.length, 8);
    assert.strictEqual(sandbox.maxInFlight, 2, 'the limit was reached and never passed');
    // the intervals the sandbox saw: never more than 2 overlap
    const events = sandbox.log.flatMap((e) => [[e.receivedAt, 1], [e.respondedAt, -1]]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let open = 0;
    for (const [, d] of events) { open += d; assert.ok(open <= 2, 'more than 2 in flight'); }
    // FIFO: request k arrives in the k-th pair of starts (two start together, on two sockets)
    const order = sandbox.log.map((e) => Number(e.form.Body));
    order.forEach((body, k) => assert.strictEqual(Math.floor(body / 2), Math.floor(k / 2), `arrival order ${order}`));
    // and each pair started only after one of the previous pair ended
    for (let k = 2; k < 8; k++) {
      const earlierEnds = sandbox.log.slice(0, k).map((e) => e.respondedAt).sort((a, b) => a - b);
      assert.ok(sandbox.log[k].receivedAt >= earlierEnds[k - 2], `request ${k} started before a slot was free`);
    }
  });

  it('a redeploy with requests in flight and queued: one done() each, catchable errors, aborted in well under 15 s', async function () {
    sandbox.inject({ when: 'after', kind: 'hang', times: Infinity });
    const nodes = [
      createNode('n1'),
      { id: 'n2', type: 'twilio-update', account: 'acc', object: 'api.v2010.Calls', sid: 'sid', sidType: 'msg', request: '', requestType: 'none', params: [{ name: 'Status', value: 'completed', valueType: 'str' }], wires: [['out']] },
      { id: 'n3', type: 'twilio-delete', account: 'acc', object: 'api.v2010.Calls', sid: 'sid', sidType: 'msg', wires: [['out']] },
    ];
    const flow = flowWith(nodes, { maxConcurrent: 2, timeout: 60000 });
    await h.load(flow);
    const calls = sandbox.seed(h.ACCOUNT_SID, 'api.v2010.Calls', [{}, {}, {}]);
    const caught = h.collectUntilQuiet(helper.getNode('caught'), 1500);
    const caughtNode = helper.getNode('caught');
    helper.getNode('n1').receive({ payload: { To: TO, From: FROM, Body: 'in flight' } });
    helper.getNode('n2').receive({ sid: calls[0].sid });
    await h.until(() => sandbox.log.length === 2);
    helper.getNode('n3').receive({ sid: calls[1].sid });
    helper.getNode('n3').receive({ sid: calls[2].sid });
    await h.until(() => helper.getNode('acc').service.limiter.queued === 2);
    assert.strictEqual(helper.getNode('acc').service.limiter.queued, 2, 'two requests queued behind the limit');

    // a "nodes" deploy: only the changed action nodes restart; the catch node keeps listening
    const started = Date.now();
    await helper.setFlows(flow.map((n) => (n.id.startsWith('n') ? { ...n, name: 'changed' } : n)), 'nodes');
    const closedIn = Date.now() - started;
    assert.strictEqual(helper.getNode('caught'), caughtNode, 'the catch side of the flow kept running');
    assert.ok(closedIn < 5000, `close took ${closedIn} ms`);
    const errors = await caught;

    assert.strictEqual(counter.byMsg.size, 4);
    for (const [id, list] of counter.byMsg) assert.strictEqual(list.length, 1, `message ${id} completed ${list.length} times`);
    assert.strictEqual(errors.length, 4, 'every message ends in a catchable error');
    const codes = errors.map((m) => `${m.error.source.id}:${m.error.code}`).sort();
    // the in-flight Create/Update may have reached Twilio; the queued Deletes were never sent
    assert.deepStrictEqual(codes, ['n1:MAY_HAVE_BEEN_PROCESSED', 'n2:MAY_HAVE_BEEN_PROCESSED', 'n3:NODE_CLOSED', 'n3:NODE_CLOSED']);
    assert.strictEqual(sandbox.log.length, 2, 'nothing queued was sent');
    await h.until(() => sandbox.log.every((e) => e.respondedAt), 2000);
  });

  it('a message arriving while the node closes is refused with one catchable error', async function () {
    sandbox.inject({ when: 'after', kind: 'hang', times: Infinity });
    await h.load(flowWith([createNode('n1')]));
    helper.getNode('n1').receive({ payload: { To: TO, From: FROM, Body: 'in flight' } });
    await h.until(() => sandbox.log.length === 1);
    const node = helper.getNode('n1');
    const closing = node.close(false);
    node.receive({ payload: { To: TO, From: FROM, Body: 'late' } });
    await closing;
    await h.until(() => counter.byMsg.size === 2, 2000);
    for (const list of counter.byMsg.values()) assert.strictEqual(list.length, 1);
    const errs = [...counter.byMsg.values()].map((l) => l[0].error && l[0].error.code).sort();
    assert.deepStrictEqual(errs, ['MAY_HAVE_BEEN_PROCESSED', 'NODE_CLOSED']);
    assert.strictEqual(sandbox.log.length, 1);
  });

  it('stopping Node-RED with requests in flight and queued: one done() each, stopped in well under 15 s', async function () {
    sandbox.inject({ when: 'before', kind: 'hang', times: Infinity });
    await h.load(flowWith([createNode('n1'), createNode('n2')], { maxConcurrent: 1 }));
    for (let i = 0; i < 3; i++) helper.getNode(i ? 'n2' : 'n1').receive({ payload: { To: TO, From: FROM, Body: String(i) } });
    await h.until(() => sandbox.log.length === 1);
    const started = Date.now();
    await helper._RED.nodes.stopFlows();
    const took = Date.now() - started;
    assert.ok(took < 5000, `stop took ${took} ms`);
    assert.strictEqual(counter.byMsg.size, 3);
    for (const list of counter.byMsg.values()) {
      assert.strictEqual(list.length, 1);
      assert.ok(list[0].error, 'ended with an error');
    }
    const codes = [...counter.byMsg.values()].map((l) => l[0].error.code).sort();
    assert.deepStrictEqual(codes, ['MAY_HAVE_BEEN_PROCESSED', 'NODE_CLOSED', 'NODE_CLOSED']);
    assert.strictEqual(sandbox.log.length, 1);
  });

  it('an embedded Node-RED process with a hanging Create exits promptly on SIGINT, each message done once', async function () {
    this.timeout(30000);
    sandbox.inject({ when: 'before', kind: 'hang', times: Infinity });
    // Three Creates to an account with maxConcurrent 1 whose sandbox hangs; SIGINT stops
    // Node-RED as node-red's own CLI does.
    const create = (id) => ({
      id, type: 'twilio-create', z: 't', account: 'acc', object: 'api.v2010.Messages', sid: '', sidType: 'str',
      request: 'payload', requestType: 'msg', params: [], format: 'json', wires: [[]],
    });
    const flows = [
      { id: 't', type: 'tab', label: 'close test' },
      { id: 'acc', type: 'twilio-account', name: 'sandbox', authType: 'token', baseUrl: sandbox.url, region: '', edge: '', timeout: 60000, maxRetries: 3, retryMaxWait: 60000, maxConcurrent: 1, maxPerSecond: 0 },
      { id: 'i', type: 'inject', z: 't', props: [{ p: 'payload' }], payload: '{"To":"+15558675310","From":"+15005550006","Body":"hi"}', payloadType: 'json', once: true, onceDelay: 0.1, repeat: '', crontab: '', topic: '', wires: [['c1', 'c2', 'c3']] },
      create('c1'), create('c2'), create('c3'),
    ];
    const nodeRed = await startNodeRedChild({
      flows, credentials: { acc: { accountSid: h.ACCOUNT_SID, authToken: h.AUTH_TOKEN } }, sandbox: false, probe: require.resolve('./close-probe'),
    });
    const { child } = nodeRed;
    const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    try {
      await h.until(() => sandbox.log.length >= 1 && /queued 2/.test(nodeRed.output()), 20000);
    } catch (e) {
      child.kill('SIGKILL');
      throw new Error(`the embedded Node-RED never sent its request:\n${nodeRed.output()}`, { cause: e });
    }
    const started = Date.now();
    child.kill('SIGINT');
    const { code } = await exited;
    const took = Date.now() - started;
    assert.strictEqual(code, 0, nodeRed.output());
    assert.ok(took < 5000, `exit took ${took} ms`);
    const out = nodeRed.output();
    const report = JSON.parse(/REPORT (.*)/.exec(out)[1]);
    assert.deepStrictEqual(report.doneCounts, [1, 1, 1], out);
    assert.deepStrictEqual(report.codes.sort(), ['MAY_HAVE_BEEN_PROCESSED', 'NODE_CLOSED', 'NODE_CLOSED']);
    assert.strictEqual(sandbox.log.length, 1);
  });
});

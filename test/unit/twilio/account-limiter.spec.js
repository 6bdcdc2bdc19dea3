// The account limiter: in-flight cap, FIFO by arrival (reserve on arrival, claim when ready),
// per-second cap, abort.
const assert = require('assert');
const { AccountLimiter } = require('../../../dist/nodes/twilio/account-limiter.js');
const h = require('../../support/harness');

const tick = () => new Promise((r) => setImmediate(r));

describe('AccountLimiter', function () {
  it('starts at most maxConcurrent, in the order places were reserved, whatever order they are claimed', async function () {
    const limiter = new AccountLimiter(1);
    const started = [];
    const a = limiter.reserve();
    const b = limiter.reserve();
    const c = limiter.reserve();
    const pc = c.claim().then((release) => { started.push('c'); return release; });
    const pb = b.claim().then((release) => { started.push('b'); return release; });
    await tick();
    assert.deepStrictEqual(started, [], 'a holds the head of the queue until it is claimed or cancelled');
    const pa = a.claim().then((release) => { started.push('a'); return release; });
    (await pa)();
    (await pb)();
    (await pc)();
    assert.deepStrictEqual(started, ['a', 'b', 'c']);
    assert.strictEqual(limiter.inFlight, 0);
  });

  it('a cancelled place lets the next one go', async function () {
    const limiter = new AccountLimiter(1);
    const a = limiter.reserve();
    const b = limiter.reserve();
    let bStarted = false;
    const pb = b.claim().then((r) => { bStarted = true; return r; });
    await tick();
    assert.strictEqual(bStarted, false);
    a.cancel();
    (await pb)();
    assert.strictEqual(bStarted, true);
  });

  it('an aborted wait leaves the queue with an error and frees the place', async function () {
    const limiter = new AccountLimiter(1);
    const first = await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    const next = limiter.acquire();
    controller.abort();
    await assert.rejects(waiting, (e) => e.code === 'NODE_CLOSED');
    first();
    (await next)();
    assert.strictEqual(limiter.queued, 0);
  });

  it('no abort listener is left on a message\'s signal: none after an immediate start, one while queued, none once it starts', async function () {
    const { getEventListeners } = require('events');
    const limiter = new AccountLimiter(1);
    const controller = new AbortController();
    const first = await limiter.acquire(controller.signal);
    assert.strictEqual(getEventListeners(controller.signal, 'abort').length, 0);
    const queued = limiter.acquire(controller.signal);
    assert.strictEqual(getEventListeners(controller.signal, 'abort').length, 1, 'a queued wait listens for abort');
    first();
    (await queued)();
    assert.strictEqual(getEventListeners(controller.signal, 'abort').length, 0);
  });

  it('a place reserved before the account closed is refused when claimed, never left waiting', async function () {
    const limiter = new AccountLimiter(1);
    const place = limiter.reserve();
    limiter.rejectQueued(new Error('closing'));
    await assert.rejects(place.claim(), /closing/);
  });

  it('maxPerSecond spaces starts', async function () {
    const limiter = new AccountLimiter(10, 5);
    const t0 = Date.now();
    const times = [];
    await Promise.all([...Array(7)].map(() => limiter.acquire().then((release) => { times.push(Date.now() - t0); release(); })));
    assert.ok(times.slice(0, 5).every((t) => t < 200), times.join());
    assert.ok(times[5] >= 900 && times[6] >= 900, times.join());
  });

  describe('adaptive window (AIMD)', function () {
    /** Starts up to n requests at once; resolves with their release functions once started. */
    async function startMany(limiter, n) {
      const releases = [];
      for (let i = 0; i < n; i++) limiter.acquire().then((r) => releases.push(r));
      await tick();
      return releases;
    }

    it('starts at maxConcurrent and never grows beyond it', async function () {
      const limiter = new AccountLimiter(4);
      assert.strictEqual(limiter.window, 4);
      for (let round = 0; round < 5; round++) {
        const releases = await startMany(limiter, 8);
        assert.strictEqual(releases.length, 4, 'four in flight, four queued');
        for (const r of releases) r('ok');
        await tick();
        for (const r of releases.splice(0)) r('ok');
      }
      // drain the rest
      await tick();
      assert.strictEqual(limiter.window, 4);
      assert.strictEqual(limiter.inFlight, 0);
    });

    it('drops to 0.8 of the window on a 429, once for requests already in flight, then grows back by one per four windows of successes', async function () {
      const limiter = new AccountLimiter(16);
      const releases = await startMany(limiter, 16);
      // Every request in flight was throttled: one decrease (16 → 12.8), not sixteen.
      for (const r of releases) r('throttled');
      assert.strictEqual(limiter.window, 12);
      // A 429 of a request started after the decrease decreases again (12.8 → 10.24).
      const [next] = await startMany(limiter, 1);
      next('throttled');
      assert.strictEqual(limiter.window, 10);
      // Additive increase: a quarter per window's worth of successes, so 10.24 → 11 takes ~32.
      let started = 0;
      while (limiter.window < 11) {
        const [r] = await startMany(limiter, 1);
        r('ok');
        started++;
      }
      assert.ok(started >= 30 && started <= 34, `grew from 10 to 11 after ${started} successes`);
      assert.strictEqual(limiter.inFlight, 0);
    });

    it('a smaller window holds later requests in the queue, still in arrival order', async function () {
      const limiter = new AccountLimiter(2);
      const [a, b] = await startMany(limiter, 2);
      a('throttled');
      assert.strictEqual(limiter.window, 1, 'decreased, never below one');
      const order = [];
      const pc = limiter.acquire().then((r) => { order.push('c'); return r; });
      const pd = limiter.acquire().then((r) => { order.push('d'); return r; });
      await tick();
      assert.deepStrictEqual(order, [], 'window 1 with b still in flight: c waits');
      b('neutral');
      (await pc)('ok');
      (await pd)('ok');
      assert.deepStrictEqual(order, ['c', 'd']);
      (await limiter.acquire())('ok');
      assert.strictEqual(limiter.window, 2, 'grown back to its ceiling after three successes');
    });

    it('neither errors nor 5xx move the window', async function () {
      const limiter = new AccountLimiter(3);
      const releases = await startMany(limiter, 3);
      releases[0]();
      releases[1]('neutral');
      releases[2]('neutral');
      assert.strictEqual(limiter.window, 3);
    });
  });
});

describe('FIFO across nodes of one account', function () {
  this.timeout(30000);
  const { helper } = h;
  let sandbox;
  before(async function () { sandbox = await h.startSandbox({ port: 0 }); });
  after(async function () { await sandbox.close(); });
  beforeEach(function (done) { sandbox.reset(); helper.startServer(done); });
  afterEach(async function () { await helper.unload(); await new Promise((r) => helper.stopServer(r)); });

  it('a message whose typedInputs take longer to evaluate keeps its place', async function () {
    const [rec] = sandbox.seed(h.ACCOUNT_SID, 'api.v2010.Messages', [{ body: 'x' }]);
    sandbox.inject({ when: 'before', kind: 'latency', ms: 100, times: 10 });
    const common = { account: 'acc', format: 'json', dates: 'rfc2822', errorOutput: false, tracking: 'none', fields: [] };
    await h.load([
      h.account(sandbox, { maxConcurrent: 1 }),
      // Several jsonata parameters: its preparation takes more turns of the event loop.
      { id: 'slow', type: 'twilio-create', object: 'api.v2010.Messages', sid: '', sidType: 'str', request: '', requestType: 'none',
        params: [
          { name: 'To', value: '"+1555" & "8675310"', valueType: 'jsonata' },
          { name: 'From', value: '"+1500" & "5550006"', valueType: 'jsonata' },
          { name: 'Body', value: '$string(payload)', valueType: 'jsonata' },
        ], wires: [['out']], ...common },
      { id: 'fast', type: 'twilio-get', object: 'api.v2010.Messages', sid: 'sid', sidType: 'msg', wires: [['out']], ...common },
      { id: 'out', type: 'helper' },
    ]);
    const got = h.receive(helper.getNode('out'), 4);
    helper.getNode('slow').receive({ payload: 1 });
    helper.getNode('fast').receive({ sid: rec.sid });
    helper.getNode('slow').receive({ payload: 2 });
    helper.getNode('fast').receive({ sid: rec.sid });
    await got;
    assert.deepStrictEqual(sandbox.log.map((e) => e.method), ['POST', 'GET', 'POST', 'GET']);
    assert.strictEqual(sandbox.maxInFlight, 1);
  });
});

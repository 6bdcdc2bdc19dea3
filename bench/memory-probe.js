'use strict';
// One query's memory in a fresh process (RSS only grows, so each mode gets its own process):
// `node bench/memory-probe.js <record|page|array> <sandboxUrl> <accountSid> <authToken> <records> [rate]`.
// Embeds Node-RED, warms up with a one-page query (loads the SDK, JIT), then runs the full
// query twice: once as is (peak RSS and heapUsed, sampled every 5 ms; records/s), once with a
// forced GC every 25 ms (peak live heap: what the node actually holds). With `rate`, only the
// first, three times (records/s over the three, e.g. under --max-old-space-size). Prints one JSON line.
const v8 = require('v8');
const vm = require('vm');
const { startNodeRed } = require('./harness');

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');
const [mode, url, accountSid, authToken, n, kind] = process.argv.slice(2);
const N = Number(n);
const RATE_RUNS = 3;
const bench = (globalThis.__nrBench = globalThis.__nrBench || { sources: new Map(), onSink: () => {} });

function flows() {
  const z = 'probe';
  const query = (id, limit) => ({
    id, type: 'twilio-query', z, account: 'acc', object: 'api.v2010.Messages', sid: '', sidType: 'str', format: 'json',
    dates: 'rfc2822', errorOutput: false, tracking: 'none', fields: [], filters: [], limit, pageSize: 1000, outputMode: mode, wires: [['sink']],
  });
  const inject = (id, to) => ({ id, type: 'inject', z, props: [{ p: 'payload' }], payload: '', payloadType: 'date', wires: [[to]] });
  return [
    { id: z, type: 'tab', label: 'probe' },
    { id: 'acc', type: 'twilio-account', name: 'probe account', authType: 'token', baseUrl: url, region: '', edge: '', timeout: 30000,
      maxRetries: 3, retryMaxWait: 60000, maxConcurrent: 10, maxPerSecond: 0, credentials: { accountSid, authToken } },
    inject('inj-warm', 'q-warm'), query('q-warm', 1000), inject('inj-full', 'q-full'), query('q-full', 0),
    { id: 'sink', type: 'bench-sink', z, wires: [] },
    { id: 'catch-all', type: 'catch', z, scope: null, uncaught: false, wires: [['sink']] },
  ];
}

function runOnce(nr, injectId, expect, gcEveryMs) {
  gc(); gc();
  const start = process.memoryUsage();
  let rss = start.rss;
  let heap = start.heapUsed;
  const sample = () => {
    const m = process.memoryUsage();
    if (m.rss > rss) rss = m.rss;
    if (m.heapUsed > heap) heap = m.heapUsed;
  };
  const timer = setInterval(() => {
    if (gcEveryMs) gc();
    sample();
  }, gcEveryMs || 5);
  let records = 0;
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const guard = setTimeout(() => reject(new Error(`probe ${mode}: timed out at ${records} records`)), 300000);
    bench.onSink = (id, msg) => {
      if (msg.error) return reject(new Error(msg.error.message));
      records += mode === 'record' ? 1 : msg.twilio.count;
      if (records >= expect) {
        if (gcEveryMs) gc();
        sample();
        clearInterval(timer);
        clearTimeout(guard);
        const rps = records / ((Date.now() - t0) / 1000);
        resolve({ rssMB: (rss - start.rss) / 1048576, heapMB: (heap - start.heapUsed) / 1048576, rps });
      }
    };
    nr.inject(injectId).catch(reject);
  });
}

(async () => {
  const nr = await startNodeRed();
  try {
    await nr.deploy(flows());
    await runOnce(nr, 'inj-warm', 1000, 0);
    await runOnce(nr, 'inj-warm', 1000, 0);
    const natural = await runOnce(nr, 'inj-full', N, 0);
    let rps = natural.rps;
    if (kind === 'rate') {
      // A 200,000-record query lasts ~1.5 s: one run is at the mercy of a second's hiccup on a
      // shared machine. The rate is that of RATE_RUNS queries back to back.
      let seconds = N / natural.rps;
      for (let i = 1; i < RATE_RUNS; i++) seconds += N / (await runOnce(nr, 'inj-full', N, 0)).rps;
      rps = (RATE_RUNS * N) / seconds;
    }
    const forced = kind === 'rate' ? { heapMB: NaN } : await runOnce(nr, 'inj-full', N, 25);
    process.stdout.write(JSON.stringify({ mode, rssMB: natural.rssMB, heapMB: natural.heapMB, liveHeapMB: forced.heapMB, rps }) + '\n');
  } finally {
    await nr.stop();
  }
  process.exit(0);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});

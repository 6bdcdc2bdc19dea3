'use strict';
// `npm run bench`: the nodes in a real, embedded Node-RED against the sandbox (a local
// Twilio in a child process), measured side by side in one run:
//   1. Query: 20,000 messages, pageSize 1000, record/page/array — records/s, heap/RSS growth
//   2. Output shaping: json vs xml, rfc2822 vs iso dates (record mode)
//   3. Get and Create, 2,000 each, maxConcurrent 1/4/10 — ops/s, p50/p95
//   4. Baselines: the same 2,000 Gets (and Creates) with raw fetch and with the twilio SDK
// Each scenario runs ROUNDS times, variants interleaved within a round; medians reported.
// Writes bench/results.md. Env: BENCH_ROUNDS (default 3), BENCH_QUERY_N, BENCH_OPS_N.
const fs = require('fs');
const os = require('os');
const path = require('path');
const v8 = require('v8');
const vm = require('vm');
const { execFile, execSync } = require('child_process');
const { performance } = require('perf_hooks');
const { startSandboxChild, startNodeRed } = require('./harness');
const { SANDBOX_DEFAULTS } = require('../dist/sandbox/server');
const baseline = require('./baseline');

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS) || 3);
const QUERY_N = Number(process.env.BENCH_QUERY_N) || 20000;
const OPS_N = Number(process.env.BENCH_OPS_N) || 2000;
const PAGE_SIZE = 1000;
const CONCURRENCY = [1, 4, 10];
const MEMORY_MODES = ['record', 'page', 'array'];
const RUN_TIMEOUT_MS = 60000;
// BENCH_ONLY=query or BENCH_ONLY=ops runs one half (for profiling); results.md is then not written.
const ONLY = process.env.BENCH_ONLY || '';
const HARD_LIMIT_MS = 10 * 60 * 1000;
const { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN } = SANDBOX_DEFAULTS;
const FROM = '+15005550006';

const bench = (globalThis.__nrBench = globalThis.__nrBench || { sources: new Map(), onSink: () => {} });

// ---- flows ---------------------------------------------------------------------------------

const QUERY_VARIANTS = [
  { key: 'record', outputMode: 'record', format: 'json', dates: 'rfc2822' },
  { key: 'page', outputMode: 'page', format: 'json', dates: 'rfc2822' },
  { key: 'array', outputMode: 'array', format: 'json', dates: 'rfc2822' },
  { key: 'record-xml', outputMode: 'record', format: 'xml', dates: 'rfc2822' },
  { key: 'record-iso', outputMode: 'record', format: 'json', dates: 'iso' },
];

function account(id, sandboxUrl, maxConcurrent) {
  return {
    id, type: 'twilio-account', name: `bench account ${maxConcurrent}`, authType: 'token', baseUrl: sandboxUrl, region: '', edge: '',
    timeout: 30000, maxRetries: 3, retryMaxWait: 60000, maxConcurrent, maxPerSecond: 0,
    credentials: { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN },
  };
}

function buildFlows(sandboxUrl) {
  const z = 'bench-tab';
  const common = { z, errorOutput: false, tracking: 'none', fields: [] };
  const flows = [{ id: z, type: 'tab', label: 'bench' }, account('acc-q', sandboxUrl, 10)];
  for (const c of CONCURRENCY) flows.push(account(`acc-${c}`, sandboxUrl, c));
  for (const v of QUERY_VARIANTS) {
    flows.push({ id: `inj-${v.key}`, type: 'inject', z, name: v.key, props: [{ p: 'payload' }], payload: '', payloadType: 'date', repeat: '', once: false, wires: [[`q-${v.key}`]] });
    flows.push({
      id: `q-${v.key}`, type: 'twilio-query', ...common, account: 'acc-q', object: 'api.v2010.Messages', sid: '', sidType: 'str',
      format: v.format, dates: v.dates, filters: [], limit: 0, pageSize: PAGE_SIZE, outputMode: v.outputMode, wires: [['sink']],
    });
  }
  for (const c of CONCURRENCY) {
    flows.push({ id: `src-get-${c}`, type: 'bench-source', z, wires: [[`get-${c}`]] });
    flows.push({
      id: `get-${c}`, type: 'twilio-get', ...common, account: `acc-${c}`, object: 'api.v2010.Messages', sid: 'sid', sidType: 'msg',
      format: 'json', dates: 'rfc2822', wires: [['sink']],
    });
    flows.push({ id: `src-create-${c}`, type: 'bench-source', z, wires: [[`create-${c}`]] });
    flows.push({
      id: `create-${c}`, type: 'twilio-create', ...common, account: `acc-${c}`, object: 'api.v2010.Messages', sid: '', sidType: 'str',
      request: 'payload', requestType: 'msg', params: [], format: 'json', dates: 'rfc2822', wires: [['sink']],
    });
  }
  // Node-RED's own cost of a message hop, with no Twilio node in between.
  flows.push({ id: 'src-hop', type: 'bench-source', z, wires: [['sink']] });
  flows.push({ id: 'sink', type: 'bench-sink', z, wires: [] });
  flows.push({ id: 'catch-all', type: 'catch', z, scope: null, uncaught: false, wires: [['sink-err']] });
  flows.push({ id: 'sink-err', type: 'bench-sink', z, wires: [] });
  return flows;
}

// ---- measuring -----------------------------------------------------------------------------

const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([promise, new Promise((_, rej) => { timer = setTimeout(() => rej(new Error(`${what}: timed out after ${ms} ms`)), ms); })])
    .finally(() => clearTimeout(timer));
}

/** One query run: inject, count records at the sink until QUERY_N arrived. */
async function runQuery(nr, variant) {
  gc(); gc();
  let records = 0;
  let messages = 0;
  const t0 = performance.now();
  let t1 = 0;
  try {
    await withTimeout(new Promise((resolve, reject) => {
      bench.onSink = (id, msg) => {
        if (id === 'sink-err') return reject(new Error(`query ${variant.key}: ${msg.error && msg.error.message}`));
        messages++;
        records += variant.outputMode === 'record' ? 1 : msg.twilio.count;
        if (records >= QUERY_N) {
          t1 = performance.now();
          resolve();
        }
      };
      nr.inject(`inj-${variant.key}`).catch(reject);
    }), RUN_TIMEOUT_MS, `query ${variant.key}`);
  } finally {
    bench.onSink = () => {};
  }
  if (records !== QUERY_N) throw new Error(`query ${variant.key}: ${records} records, expected ${QUERY_N}`);
  const seconds = (t1 - t0) / 1000;
  return { seconds, rps: records / seconds, messages };
}

/** Memory of one query in a fresh Node-RED process (bench/memory-probe.js). */
function memoryProbe(mode, sandboxUrl) {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [path.join(__dirname, 'memory-probe.js'), mode, sandboxUrl, ACCOUNT_SID, AUTH_TOKEN, String(QUERY_N)],
      { timeout: RUN_TIMEOUT_MS * 2 }, (err, stdout, stderr) => {
        if (err) return reject(new Error(`memory probe ${mode}: ${err.message} ${stderr}`));
        resolve(JSON.parse(stdout.trim().split('\n').pop()));
      });
  });
}

/** `window` workers each doing one operation at a time until `total` are done. */
async function closedLoop(total, window, op) {
  const lat = new Float64Array(total);
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const i = next++;
      const t = performance.now();
      await op(i);
      lat[i] = performance.now() - t;
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: window }, worker));
  const seconds = (performance.now() - t0) / 1000;
  const sorted = Array.from(lat).sort((a, b) => a - b);
  return { opsPerSec: total / seconds, p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95) };
}

/** Messages into a bench-source, each resolved when it reaches the sink. */
async function runNodeOps(sourceId, total, window, makeMsg, check) {
  const waiting = new Map();
  let failure;
  bench.onSink = (id, msg) => {
    const w = waiting.get(msg.benchI);
    if (id === 'sink-err') failure = failure || new Error(`${sourceId}: ${msg.error && msg.error.message}`);
    else if (check && !failure) failure = check(msg);
    if (w) {
      waiting.delete(msg.benchI);
      w();
    }
  };
  try {
    const r = await withTimeout(closedLoop(total, window, (i) => new Promise((resolve) => {
      waiting.set(i, resolve);
      const msg = makeMsg(i);
      msg.benchI = i;
      bench.send(sourceId, msg);
    })), RUN_TIMEOUT_MS, sourceId);
    if (failure) throw failure;
    return r;
  } finally {
    bench.onSink = () => {};
  }
}

// ---- formatting ----------------------------------------------------------------------------

function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => '| ' + cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ') + ' |';
  return [line(headers), '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|', ...rows.map(line)].join('\n');
}
const f0 = (x) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '–');
const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : '–');
const f2 = (x) => (Number.isFinite(x) ? x.toFixed(2) : '–');
const ratio = (x) => (Number.isFinite(x) ? x.toFixed(2) + '×' : '–');

function machine() {
  const cpus = os.cpus();
  let commit = 'unknown';
  try {
    const git = (args) => execSync(`git ${args}`, { cwd: path.join(__dirname, '..'), stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    commit = git('rev-parse --short HEAD');
    if (git('status --porcelain -- nodes sandbox')) commit += ' + uncommitted changes in nodes/ or sandbox/';
  } catch { /* not a checkout */ }
  const version = (m) => {
    try { return require(`${m}/package.json`).version; } catch { return '?'; }
  };
  return {
    date: new Date().toISOString(),
    node: process.version,
    cores: cpus.length,
    cpu: cpus[0] ? cpus[0].model.trim() : '?',
    memGB: (os.totalmem() / 2 ** 30).toFixed(1),
    platform: `${os.platform()} ${os.release()}`,
    nodeRed: version('node-red'),
    twilio: version('twilio'),
    commit,
  };
}

// ---- main ----------------------------------------------------------------------------------

async function main() {
  const started = performance.now();
  const log = (...a) => console.log(`[${((performance.now() - started) / 1000).toFixed(1)}s]`, ...a);
  const sandbox = await startSandboxChild();
  let nr;
  try {
    nr = await startNodeRed();
    log(`Node-RED ${nr.RED.version()} embedded; sandbox ${sandbox.url}; ${ROUNDS} rounds`);
    await nr.deploy(buildFlows(sandbox.url));

    // ---- 1 + 2: query ----
    const q = Object.fromEntries(QUERY_VARIANTS.map((v) => [v.key, []]));
    const o = {};
    const mem = Object.fromEntries(MEMORY_MODES.map((m) => [m, []]));
    if (ONLY !== 'ops') {
    await sandbox.call('reset');
    await sandbox.call('seed', { accountSid: ACCOUNT_SID, objectId: 'api.v2010.Messages', count: QUERY_N,
      template: { to: '+13115556789', from: FROM, body: 'hello from the bench', status: 'delivered', direction: 'outbound-api' } });
    log(`seeded ${QUERY_N} messages`);
    // Warm-up (not counted): JIT, sockets, the sandbox's own first pages.
    for (const v of QUERY_VARIANTS) await runQuery(nr, v);
    log('query warm-up done');
    for (let r = 0; r < ROUNDS; r++) {
      for (const v of QUERY_VARIANTS) q[v.key].push(await runQuery(nr, v));
      log(`query round ${r + 1}: ` + QUERY_VARIANTS.map((v) => `${v.key} ${f0(q[v.key][r].rps)} rec/s`).join(', '));
    }
    for (let r = 0; r < ROUNDS; r++) {
      for (const mode of MEMORY_MODES) mem[mode].push(await memoryProbe(mode, sandbox.url));
      log(`memory round ${r + 1}: ` + MEMORY_MODES.map((m) => `${m} live heap +${f1(mem[m][r].liveHeapMB)} MB`).join(', '));
    }

    }

    // ---- 3 + 4: get, create, baselines ----
    if (ONLY !== 'query') {
    const sids = await sandbox.call('seed', { accountSid: ACCOUNT_SID, objectId: 'api.v2010.Messages', count: OPS_N,
      template: { to: '+13115556789', from: FROM, body: 'get me', status: 'delivered', direction: 'outbound-api' } });
    const creds = { url: sandbox.url, accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN };
    const sdk = baseline.sdkClient(creds, Math.max(...CONCURRENCY));
    const createBody = (i) => ({ To: `+1311555${String(i % 10000).padStart(4, '0')}`, From: FROM, Body: `bench ${i}` });
    const getCheck = (msg) => (msg.payload && msg.payload.sid === sids[msg.benchI] ? undefined : new Error(`get: wrong record for ${msg.benchI}`));
    const createCheck = (msg) => (msg.twilio && msg.twilio.statusCode === 201 ? undefined : new Error('create: no 201'));
    const opsVariants = [];
    for (const c of CONCURRENCY) {
      opsVariants.push(
        { key: `get node c${c}`, op: 'get', who: 'node', c, run: (n) => runNodeOps(`src-get-${c}`, n, c, (i) => ({ sid: sids[i] }), getCheck) },
        { key: `get fetch c${c}`, op: 'get', who: 'fetch', c, run: (n) => closedLoop(n, c, (i) => baseline.fetchGet(creds, sids[i])) },
        { key: `get sdk c${c}`, op: 'get', who: 'sdk', c, run: (n) => closedLoop(n, c, (i) => baseline.sdkGet(sdk, sids[i])) },
        { key: `create node c${c}`, op: 'create', who: 'node', c, run: (n) => runNodeOps(`src-create-${c}`, n, c, (i) => ({ payload: createBody(i) }), createCheck) },
        { key: `create fetch c${c}`, op: 'create', who: 'fetch', c, run: (n) => closedLoop(n, c, (i) => baseline.fetchCreate(creds, createBody(i))) },
        { key: `hop c${c}`, op: 'hop', who: 'node-red', c, run: (n) => runNodeOps('src-hop', n, c, () => ({ payload: 'x' })) },
      );
    }
    // Warm-up: a few hundred of each at c=4.
    for (const v of opsVariants.filter((x) => x.c === 4)) await v.run(Math.min(300, OPS_N));
    log('ops warm-up done');
    for (const v of opsVariants) o[v.key] = [];
    for (let r = 0; r < ROUNDS; r++) {
      // Rotate the order each round so no variant always runs first (noise, GC, neighbours).
      const order = opsVariants.map((_, i) => opsVariants[(i + r * 5) % opsVariants.length]);
      for (const v of order) {
        gc();
        o[v.key].push(await v.run(OPS_N));
      }
      log(`ops round ${r + 1}: ` + CONCURRENCY.map((c) => `get c${c} node ${f0(o[`get node c${c}`][r].opsPerSec)}/fetch ${f0(o[`get fetch c${c}`][r].opsPerSec)} ops/s`).join(', '));
    }
    }
    const stats = await sandbox.call('stats');
    const nonOk = Object.entries(stats.statuses).filter(([s]) => !/^2/.test(s));
    if (nonOk.length) log(`WARNING: sandbox answered non-2xx: ${JSON.stringify(stats.statuses)}`);

    if (!ONLY) report({ q, o, mem, seconds: (performance.now() - started) / 1000 });
  } finally {
    if (nr) await nr.stop().catch((e) => console.error('stopping Node-RED:', e.message));
    await sandbox.close();
    baseline.close();
  }
}

function report({ q, o, mem, seconds }) {
  const m = machine();
  const med = (runs, k) => median(runs.map((r) => r[k]));
  const rec = med(q.record, 'rps');
  const out = [];
  out.push('# Benchmark results', '');
  out.push('Written by `npm run bench` (bench/run.js): the nodes in a real embedded Node-RED (RED.init/RED.start, flows deployed',
    'through the admin API) against the sandbox (a local Twilio, in a child process), on loopback. Medians of',
    `${ROUNDS} rounds after a warm-up; the variants of a scenario run interleaved in each round, so`,
    '**compare ratios, not absolute numbers**: the machine is shared with other work and noisy, and the sandbox',
    '(JSON serialisation, Basic auth) runs on the same cores.', '');
  out.push(`- date: ${m.date}`, `- node ${m.node}, ${m.cores} cores (${m.cpu}), ${m.memGB} GiB, ${m.platform}`,
    `- node-red ${m.nodeRed}, twilio ${m.twilio}, commit ${m.commit}`, `- full run: ${seconds.toFixed(0)} s`, '');

  out.push(`## 1. Query: ${QUERY_N.toLocaleString('en-US')} messages, pageSize ${PAGE_SIZE}`, '');
  out.push('End to end: POST /inject/:id → twilio-query → a sink node, until the last record arrives.', '',
    'Memory: each mode in a fresh Node-RED process (bench/memory-probe.js; RSS only grows, so modes cannot share',
    'a process), after a one-page warm-up. **Live heap** = peak heapUsed above a post-GC baseline with a forced GC',
    'every 25 ms: what the node actually holds. Peak heapUsed / RSS without forced GC are what a user would see,',
    'but mostly measure garbage V8 lets pile up between collections (record mode allocates the most short-lived',
    'objects: one message per record), not what is retained.', '');
  out.push(table(['mode', 'records/s', 'vs record', 'messages', 'live heap MB', 'peak heapUsed MB', 'peak RSS MB'],
    MEMORY_MODES.map((k) => [k, f0(med(q[k], 'rps')), ratio(med(q[k], 'rps') / rec), q[k][0].messages,
      f1(med(mem[k], 'liveHeapMB')), f1(med(mem[k], 'heapMB')), f1(med(mem[k], 'rssMB'))])), '');
  out.push(`Live heap: array mode holds all ${QUERY_N.toLocaleString('en-US')} records (${f1(med(mem.array, 'liveHeapMB'))} MB, ` +
    `${ratio(med(mem.array, 'liveHeapMB') / med(mem.record, 'liveHeapMB'))} record mode's); record and page modes hold about one page ` +
    `(${f1(med(mem.record, 'liveHeapMB'))} / ${f1(med(mem.page, 'liveHeapMB'))} MB).`, '');

  out.push('## 2. Output shaping (record mode, same query)', '');
  out.push(table(['format / dates', 'records/s', 'vs json + rfc2822'],
    [['json + rfc2822', 'record'], ['xml + rfc2822', 'record-xml'], ['json + iso', 'record-iso']].map(([label, k]) =>
      [label, f0(med(q[k], 'rps')), ratio(med(q[k], 'rps') / rec)])), '');

  out.push(`## 3 + 4. Get and Create (api.v2010.Messages), ${OPS_N.toLocaleString('en-US')} each`, '');
  out.push('Closed loop: `c` messages in flight at a time, with the account\'s maxConcurrent = c. Latency = from the message',
    'entering the flow (a source node) to it reaching the sink. Baselines do the same operations from plain code:',
    '`fetch` = raw fetch with Basic auth, `sdk` = the twilio SDK (`client.messages(sid).fetch()`, a "function node',
    'around the SDK") with an httpClient pointed at the sandbox. `hop` = Node-RED alone passing a message',
    'source → sink (no Twilio node), the floor of any flow.', '');
  const rows = [];
  for (const op of ['get', 'create']) {
    for (const c of CONCURRENCY) {
      const fetchOps = med(o[`${op} fetch c${c}`], 'opsPerSec');
      for (const who of op === 'get' ? ['node', 'fetch', 'sdk'] : ['node', 'fetch']) {
        const runs = o[`${op} ${who} c${c}`];
        const ops = med(runs, 'opsPerSec');
        rows.push([op, c, who, f0(ops), f2(med(runs, 'p50')), f2(med(runs, 'p95')), ratio(fetchOps / ops)]);
      }
    }
  }
  for (const c of CONCURRENCY) {
    const runs = o[`hop c${c}`];
    rows.push(['hop', c, 'node-red', f0(med(runs, 'opsPerSec')), f2(med(runs, 'p50')), f2(med(runs, 'p95')), '']);
  }
  out.push(table(['op', 'c', 'who', 'ops/s', 'p50 ms', 'p95 ms', 'time per op vs fetch'], rows), '');
  const overhead = (op, c) => (median(o[`${op} node c${c}`].map((r) => r.p50)) - median(o[`${op} fetch c${c}`].map((r) => r.p50))) * 1000;
  out.push('Node overhead over raw HTTP at c = 1 (p50 latency difference, µs per operation): ' +
    `get ${f0(overhead('get', 1))} µs, create ${f0(overhead('create', 1))} µs; ` +
    `the twilio SDK itself adds ${f0((median(o['get sdk c1'].map((r) => r.p50)) - median(o['get fetch c1'].map((r) => r.p50))) * 1000)} µs per Get over fetch.`, '');
  const text = out.join('\n') + '\n';
  console.log('\n' + text);
  fs.writeFileSync(path.join(__dirname, 'results.md'), text);
  console.log('written to bench/results.md');
}

const hard = setTimeout(() => {
  console.error(`bench: still running after ${HARD_LIMIT_MS / 1000} s, giving up`);
  process.exit(2);
}, HARD_LIMIT_MS);
hard.unref();

main().then(() => process.exit(0), (err) => {
  console.error(err);
  process.exit(1);
});

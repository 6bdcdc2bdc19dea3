'use strict';
// Measuring helpers shared by the bench scenarios: medians, timeouts, closed loops, messages
// through an embedded Node-RED's bench-source → … → bench-sink, and event-loop stalls.
const { performance, monitorEventLoopDelay } = require('perf_hooks');

const bench = (globalThis.__nrBench = globalThis.__nrBench || { sources: new Map(), onSink: () => {} });

const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([promise, new Promise((_, rej) => { timer = setTimeout(() => rej(new Error(`${what}: timed out after ${ms} ms`)), ms); })])
    .finally(() => clearTimeout(timer));
}

/** The longest event-loop stall while `fn` runs, in ms (perf_hooks.monitorEventLoopDelay). */
async function withStallMonitor(fn) {
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  try {
    const result = await fn();
    h.disable();
    return { ...result, stallMs: h.max / 1e6 };
  } finally {
    h.disable();
  }
}

/**
 * Presses an inject node and counts records at the sink until `expect` arrived.
 * `perMessage(msg)` says how many records a message carries (1 in record mode).
 */
async function countAtSink(nr, injectId, expect, timeoutMs, perMessage = () => 1) {
  let records = 0;
  const t0 = performance.now();
  let t1 = 0;
  try {
    await withTimeout(new Promise((resolve, reject) => {
      bench.onSink = (id, msg) => {
        if (id === 'sink-err') return reject(new Error(`${injectId}: ${msg.error && msg.error.message}`));
        records += perMessage(msg);
        if (records >= expect) {
          t1 = performance.now();
          resolve();
        }
      };
      nr.inject(injectId).catch(reject);
    }), timeoutMs, injectId);
  } finally {
    bench.onSink = () => {};
  }
  if (records !== expect) throw new Error(`${injectId}: ${records} records, expected ${expect}`);
  return { seconds: (t1 - t0) / 1000, rps: records / ((t1 - t0) / 1000) };
}

/** `window` workers each doing one operation at a time until `total` are done. */
async function closedLoop(total, window, op) {
  let next = 0;
  const worker = async () => {
    while (next < total) await op(next++);
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: window }, worker));
  const seconds = (performance.now() - t0) / 1000;
  return { seconds, opsPerSec: total / seconds };
}

/** Messages into a bench-source, `window` at a time, each done when it reaches the sink (or the catch's sink). */
async function runNodeOps(sourceId, total, window, makeMsg, check, timeoutMs, { tolerate = false } = {}) {
  const waiting = new Map();
  let failure;
  let errors = 0;
  bench.onSink = (id, msg) => {
    if (id === 'sink-err') {
      errors++;
      failure = failure || new Error(`${sourceId}: ${msg.error && msg.error.message}`);
    } else if (check && !failure) failure = check(msg);
    const w = waiting.get(msg.benchI);
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
    })), timeoutMs, sourceId);
    if (failure && !tolerate) throw failure;
    return { ...r, errors, firstError: failure && failure.message };
  } finally {
    bench.onSink = () => {};
  }
}

/**
 * One operation at a time, taking turns between sources (a, b, b, a, a, b …), each operation
 * timed alone: every source meets the same machine, moment by moment. Sequential operations
 * last well under a millisecond here, while this machine's speed drifts by a quarter within
 * a minute: sources run one after another, even in alternating rounds, compare different
 * moments. Returns operations per second of time spent in each source's operations.
 */
async function interleavedOps(sources, total, makeMsg, check, timeoutMs) {
  const keys = Object.keys(sources);
  const spent = Object.fromEntries(keys.map((k) => [k, 0]));
  let failure;
  let arrived = () => {};
  bench.onSink = (id, msg) => {
    if (id === 'sink-err') failure = failure || new Error(`${msg.error && msg.error.message}`);
    else if (check && !failure) failure = check(msg);
    arrived();
  };
  const one = (key, i) => new Promise((resolve) => {
    arrived = resolve;
    const msg = makeMsg(i);
    msg.benchI = i;
    bench.send(sources[key], msg);
  });
  try {
    await withTimeout((async () => {
      for (let i = 0; i < total; i++) {
        const order = i % 2 ? keys.slice().reverse() : keys;
        for (const key of order) {
          const t0 = performance.now();
          await one(key, i);
          spent[key] += performance.now() - t0;
          if (failure) throw failure;
        }
      }
    })(), timeoutMs, keys.join('/'));
  } finally {
    bench.onSink = () => {};
  }
  return Object.fromEntries(keys.map((k) => [k, { opsPerSec: total / (spent[k] / 1000) }]));
}

module.exports = { bench, median, withTimeout, withStallMonitor, countAtSink, closedLoop, runNodeOps, interleavedOps };

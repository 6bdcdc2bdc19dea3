'use strict';
// `node bench/startup-probe.js`: in a fresh process, the time this package's module loading and
// node registration take — every node file package.json's "node-red" section lists, required
// and called with a stand-in RED that records registrations. Prints one JSON line.
const path = require('path');
const { performance } = require('perf_hooks');

const root = path.join(__dirname, '..');
const pkg = require(path.join(root, 'package.json'));
const registered = [];
const noop = () => {};
const router = new Proxy({}, { get: () => noop });
const RED = {
  nodes: { registerType: (type) => registered.push(type), createNode: noop, getNode: noop, eachNode: noop },
  httpAdmin: router,
  auth: { needsPermission: () => (req, res, next) => next() },
  settings: {},
  util: {},
  log: { info: noop, warn: noop, error: noop, debug: noop, trace: noop },
  events: { on: noop, once: noop },
  _: (k) => k,
};

const t0 = performance.now();
for (const file of Object.values(pkg['node-red'].nodes)) {
  const mod = require(path.join(root, file));
  (typeof mod === 'function' ? mod : mod.default)(RED);
}
const ms = performance.now() - t0;
const heavy = ['twilio', 'libphonenumber-js'].filter((m) => Object.keys(require.cache).some((k) => k.includes(`${path.sep}node_modules${path.sep}${m}${path.sep}`)));
process.stdout.write(JSON.stringify({ ms, types: registered, loadedEagerly: heavy }) + '\n');

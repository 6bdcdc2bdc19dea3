// What the end-to-end tests share: the sandbox hooks (sandbox.js), the node modules, a flow's account node and
// small waits on helper nodes. Tests read like a user's flow: load nodes, send a message,
// assert what comes out and what the sandbox saw.
const helper = require('node-red-node-test-helper');
const { startSandbox, startCheckedSandbox, SANDBOX_DEFAULTS } = require('./sandbox');

helper.init(require.resolve('node-red'));

const core = (p) => require(require.resolve(`@node-red/nodes/core/${p}`));
const NODES = [
  require('../../dist/nodes/twilio-account.js'),
  require('../../dist/nodes/twilio-get.js'),
  require('../../dist/nodes/twilio-query.js'),
  require('../../dist/nodes/twilio-create.js'),
  require('../../dist/nodes/twilio-update.js'),
  require('../../dist/nodes/twilio-delete.js'),
  core('common/25-catch.js'),
  core('common/20-inject.js'),
  core('common/21-debug.js'),
  core('sequence/17-split.js'),
  core('function/15-change.js'),
];

const ACCOUNT_SID = SANDBOX_DEFAULTS.accountSid;
const AUTH_TOKEN = SANDBOX_DEFAULTS.authToken;

/**
 * The hooks of an end-to-end suite: a spec-checked sandbox for the suite (handed to `use`),
 * reset before each test; the test helper's server per test; after each, every exchange
 * the sandbox saw must have conformed to Twilio's spec.
 */
function checkedSandboxPerSuite(use) {
  let sandbox;
  before(async function () { sandbox = await startCheckedSandbox(); use(sandbox); });
  after(async function () { if (sandbox) await sandbox.close(); });
  beforeEach(function (done) { sandbox.reset(); helper.startServer(done); });
  afterEach(async function () { await helper.unload(); await new Promise((r) => helper.stopServer(r)); sandbox.assertConforms(); });
}

function account(sandbox, extra = {}) {
  return {
    id: 'acc', type: 'twilio-account', name: 'sandbox', authType: 'token', baseUrl: sandbox.url,
    region: '', edge: '', timeout: 5000, maxRetries: 3, retryMaxWait: 20000, maxConcurrent: 10, maxPerSecond: 0, ...extra,
  };
}

function credentials(extra = {}) {
  return { acc: { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, ...extra } };
}

// Catch nodes only see errors of their own flow: put every node on one tab.
function onTab(flow) {
  if (flow.some((n) => n.type === 'tab')) return flow;
  return [{ id: 'tab1', type: 'tab', label: 'test' },
    ...flow.map((n) => (n.type === 'twilio-account' || n.z ? n : { ...n, z: 'tab1' }))];
}

function load(flow, creds = credentials()) {
  return new Promise((resolve) => helper.load(NODES, onTab(flow), creds, resolve));
}

/** Resolves with the next n messages a helper node receives (one message when n is 1). */
function receive(node, n = 1, timeoutMs = 15000) {
  return new Promise((resolve, reject) => {
    const got = [];
    const timer = setTimeout(() => reject(new Error(`timed out: ${got.length} of ${n} messages reached ${node.id}`)), timeoutMs);
    node.on('input', (msg) => {
      got.push(msg);
      if (got.length === n) {
        clearTimeout(timer);
        resolve(n === 1 ? got[0] : got);
      }
    });
  });
}

/** Resolves when a helper node has been silent for `quietMs`, with everything it received. */
function collectUntilQuiet(node, quietMs = 300) {
  return new Promise((resolve) => {
    const got = [];
    let timer = setTimeout(() => resolve(got), quietMs);
    node.on('input', (msg) => {
      got.push(msg);
      clearTimeout(timer);
      timer = setTimeout(() => resolve(got), quietMs);
    });
  });
}

/** Resolves once `check()` holds, polling every 10 ms; rejects after `timeoutMs` naming `what`. */
async function until(check, timeoutMs = 10000, what = 'a condition') {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function rfc2822(date) {
  return new Date(date).toUTCString().replace('GMT', '+0000');
}

module.exports = {
  helper, startSandbox, startCheckedSandbox, checkedSandboxPerSuite, SANDBOX_DEFAULTS, ACCOUNT_SID, AUTH_TOKEN, NODES,
  account, credentials, onTab, load, receive, collectUntilQuiet, until, rfc2822,
};

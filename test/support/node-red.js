// The one launcher of a real Node-RED (scripts/embed-node-red) for tests and benchmarks.
// Node tests use node-red-node-test-helper instead; this is for tests that need a Node-RED
// process, and for the benchmark (never benchmark through the test helper's spies).
//
// - startNodeRedChild(options): in a child process — Node-RED's runtime is one per process,
//   and the mocha process already hosts the test helper's. Run as a script, this file is
//   that child: env NR_OPTIONS = JSON options, one stdout line of JSON when ready
//   {url, nodeRed, sandbox, accountSid, authToken, userDir}; stops on SIGTERM, SIGINT or
//   when the parent goes away.
// - startNodeRedHere(options): in this process (the benchmark measures its memory and CPU).
//
// Options: flows, credentials, settings (Node-RED settings), adminAuth (users admin/admin-pass
// and reader/reader-pass), sandbox (default true: a sandbox in the child; "$ACCOUNT_SID",
// "$AUTH_TOKEN", "$SANDBOX_URL" in flows and credentials become its values), probe (a module
// the child requires once Node-RED runs: probe(nr) may return {afterStop()}).
const http = require('http');
const path = require('path');
const { startChild, stopChild } = require('./processes');

const root = path.join(__dirname, '..', '..');
const dist = (...parts) => require(path.join(root, 'dist', ...parts));

/** Starts Node-RED in a child; resolves {child, url, sandbox, accountSid, authToken, userDir, output(), stop()}. */
async function startNodeRedChild(options = {}) {
  const started = await startChild(__filename, { NR_OPTIONS: JSON.stringify(options) }, /^(\{.*\})$/m);
  return { ...JSON.parse(started.match[1]), child: started.child, output: started.output, stop: () => stopChild(started.child) };
}

function adminAuthSettings() {
  const bcrypt = require('bcryptjs');
  return {
    type: 'credentials',
    users: [
      { username: 'admin', password: bcrypt.hashSync('admin-pass', 8), permissions: '*' },
      { username: 'reader', password: bcrypt.hashSync('reader-pass', 8), permissions: 'read' },
    ],
  };
}

/** The child's side: Node-RED (and a sandbox), one JSON line, a clean stop on a signal. */
async function runChild(options) {
  const { SANDBOX_DEFAULTS, startSandbox } = dist('sandbox', 'server.js');
  const sandbox = options.sandbox === false ? undefined : await startSandbox({ port: 0 });
  const fill = (v) => JSON.parse(JSON.stringify(v)
    .split('$ACCOUNT_SID').join(SANDBOX_DEFAULTS.accountSid)
    .split('$AUTH_TOKEN').join(SANDBOX_DEFAULTS.authToken)
    .split('$SANDBOX_URL').join(sandbox ? sandbox.url : ''));
  const settings = { ...(options.settings || {}) };
  if (options.adminAuth) settings.adminAuth = adminAuthSettings();
  const nr = await dist('scripts', 'embed-node-red.js').startNodeRed({
    flows: fill(options.flows || []), credentials: fill(options.credentials || {}), settings,
  });
  const probe = options.probe ? require(options.probe)(nr) || {} : {};
  process.stdout.write(JSON.stringify({
    url: nr.url, nodeRed: nr.url, sandbox: sandbox ? sandbox.url : undefined,
    accountSid: SANDBOX_DEFAULTS.accountSid, authToken: SANDBOX_DEFAULTS.authToken, userDir: nr.userDir,
  }) + '\n');
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    try {
      await nr.stop();
      if (probe.afterStop) probe.afterStop();
      if (sandbox) await sandbox.close();
      process.exit(0);
    } catch (err) {
      process.stderr.write(String((err && err.stack) || err) + '\n');
      process.exit(1);
    }
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('disconnect', stop);
}

/** A JSON request to Node-RED's admin API; resolves with the parsed answer (or its text). */
function request(base, method, urlPath, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(base + urlPath, {
      method,
      headers: { ...(data ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) } : {}), ...headers },
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode >= 400) return reject(new Error(`${method} ${urlPath}: ${res.statusCode} ${text}`));
        try {
          resolve(text ? JSON.parse(text) : undefined);
        } catch {
          resolve(text); // e.g. the inject route's "OK"
        }
      });
    });
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
}

/**
 * Node-RED in this process, admin API at /admin, no editor; `types` must be loaded.
 * Resolves {RED, adminUrl, userDir, deploy(flows), inject(id), stop()}.
 */
async function startNodeRedHere({ settings = {}, types = [] } = {}) {
  const nodeRed = await dist('scripts', 'embed-node-red.js').startNodeRed({
    settings: { httpAdminRoot: '/admin', httpNodeRoot: false, disableEditor: true, ...settings },
  });
  const { RED, userDir } = nodeRed;
  const adminUrl = `${nodeRed.url}/admin`;
  const missing = types.filter((t) => !RED.nodes.getType(t));
  if (missing.length) throw new Error(`node types not loaded: ${missing.join(', ')}`);
  return {
    RED,
    adminUrl,
    userDir,
    /** A full deploy through the admin API; resolves once every node is running. */
    async deploy(flows) {
      await request(adminUrl, 'POST', '/flows', flows, { 'Node-RED-Deployment-Type': 'full', 'Node-RED-API-Version': 'v1' });
      const ids = flows.filter((n) => n.type !== 'tab').map((n) => n.id);
      for (let i = 0; i < 200; i++) {
        if (ids.every((id) => RED.nodes.getNode(id))) return;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error('deployed nodes did not start');
    },
    /** Presses an inject node's button (the editor's POST /inject/:id). */
    inject(id) {
      return request(adminUrl, 'POST', `/inject/${id}`);
    },
    stop: () => nodeRed.stop(),
  };
}

if (require.main === module) {
  runChild(JSON.parse(process.env.NR_OPTIONS || '{}')).catch((err) => {
    process.stderr.write(String((err && err.stack) || err) + '\n');
    process.exit(1);
  });
}

module.exports = { startNodeRedChild, startNodeRedHere, request };

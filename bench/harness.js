'use strict';
// Embeds a real Node-RED (RED.init/RED.start, temp userDir, loopback, random ports) with this
// package linked into its userDir, and runs the sandbox in a child process. No test helper:
// its sinon spies keep every call.
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');
const { fork } = require('child_process');

const root = path.join(__dirname, '..');

/** The sandbox in a child process; call(cmd, args) → Promise. */
function startSandboxChild() {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, 'sandbox-child.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const pending = new Map();
    let next = 1;
    const call = (cmd, args) => new Promise((res, rej) => {
      const id = next++;
      pending.set(id, { res, rej });
      child.send({ id, cmd, args });
    });
    child.on('message', (m) => {
      if (m.ready) return resolve({ url: m.ready, call, child, close: () => closeChild(child, call) });
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (m.error) p.rej(new Error(m.error)); else p.res(m.result);
    });
    child.once('exit', (code) => {
      for (const p of pending.values()) p.rej(new Error(`sandbox exited (${code})`));
      reject(new Error(`sandbox exited before ready (${code})`));
    });
  });
}

async function closeChild(child, call) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  call('close').catch(() => {});
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

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

/** Node-RED in this process; returns {RED, adminUrl, deploy(flows), inject(id), stop()}. */
async function startNodeRed() {
  const userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nr-twilio-bench-'));
  const scope = path.join(userDir, 'node_modules', '@nr-connectors');
  fs.mkdirSync(scope, { recursive: true });
  fs.symlinkSync(root, path.join(scope, 'node-red-twilio'), 'dir');
  fs.writeFileSync(path.join(userDir, 'flows.json'), '[]');

  const express = require(require.resolve('express', { paths: [path.dirname(require.resolve('node-red'))] }));
  const RED = require('node-red');
  const app = express();
  const server = http.createServer(app);
  RED.init(server, {
    userDir,
    flowFile: 'flows.json',
    credentialSecret: false,
    httpAdminRoot: '/admin',
    httpNodeRoot: false,
    disableEditor: true,
    uiHost: '127.0.0.1',
    nodesDir: [path.join(__dirname, 'nodes')],
    logging: { console: { level: 'warn', metrics: false, audit: false } },
    editorTheme: { tours: false, projects: { enabled: false } },
    telemetry: { enabled: false },
    externalModules: { autoInstall: false, palette: { allowInstall: false } },
  });
  app.use('/admin', RED.httpAdmin);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  // RED.start() resolves before the initial (empty) flows have loaded; that load resets the
  // credential store, so a deploy made before it finishes would lose its credentials.
  const started = new Promise((resolve) => {
    const timer = setTimeout(resolve, 10000);
    RED.events.once('flows:started', () => { clearTimeout(timer); resolve(); });
  });
  await RED.start();
  await started;
  const adminUrl = `http://127.0.0.1:${server.address().port}/admin`;
  const missing = ['twilio-account', 'twilio-get', 'twilio-query', 'twilio-create', 'bench-sink', 'bench-source']
    .filter((t) => !RED.nodes.getType(t));
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
    async stop() {
      await RED.stop();
      await new Promise((r) => server.close(r));
      if (server.closeAllConnections) server.closeAllConnections();
      fs.rmSync(userDir, { recursive: true, force: true });
    },
  };
}

module.exports = { startSandboxChild, startNodeRed, request };

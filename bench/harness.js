'use strict';
// Embeds a real Node-RED (RED.init/RED.start, temp userDir, loopback, random ports) with this
// package linked into its userDir, and runs the sandbox in a child process. No test helper:
// its sinon spies keep every call.
const http = require('http');
const path = require('path');
const { fork } = require('child_process');
const embed = require('../dist/scripts/embed-node-red.js');

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

/** Node-RED in this process (scripts/embed-node-red); returns {RED, adminUrl, deploy(flows), inject(id), stop()}. */
async function startNodeRed() {
  const nodeRed = await embed.startNodeRed({
    settings: { httpAdminRoot: '/admin', httpNodeRoot: false, disableEditor: true, nodesDir: [path.join(__dirname, 'nodes')] },
  });
  const { RED, userDir } = nodeRed;
  const adminUrl = `${nodeRed.url}/admin`;
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
    stop: () => nodeRed.stop(),
  };
}

module.exports = { startSandboxChild, startNodeRed, request };

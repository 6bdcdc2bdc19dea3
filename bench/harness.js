'use strict';
// The benchmark's processes: Node-RED in this process (test/support/node-red.js, the one
// launcher; no test helper: its sinon spies keep every call) and the sandbox in a child.
const path = require('path');
const { fork } = require('child_process');
const { startNodeRedHere, request } = require('../test/support/node-red');

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

/** Node-RED in this process with the bench's helper nodes (bench/nodes). */
function startNodeRed() {
  return startNodeRedHere({
    settings: { nodesDir: [path.join(__dirname, 'nodes')] },
    types: ['twilio-account', 'twilio-get', 'twilio-query', 'twilio-create', 'bench-sink', 'bench-source'],
  });
}

module.exports = { startSandboxChild, startNodeRed, request };

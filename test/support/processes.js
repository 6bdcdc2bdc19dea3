// Child processes the end-to-end tests start: `npm run sandbox`'s CLI and a real Node-RED.
const { spawn } = require('child_process');
const path = require('path');

const root = path.join(__dirname, '..', '..');

/** Starts a node script and resolves with the child and the first stdout line that matches. */
function startChild(script, env, linePattern, timeoutMs = 30000) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`${script} did not start:\n${out}\n${err}`)); }, timeoutMs);
    child.stderr.on('data', (d) => { err += d; });
    child.stdout.on('data', (d) => {
      out += d;
      const m = linePattern.exec(out);
      if (m) { clearTimeout(timer); resolve({ child, match: m }); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`${script} exited ${code}:\n${out}\n${err}`)); });
  });
}

function stopChild(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
    child.removeAllListeners('exit');
    child.on('exit', (code) => { clearTimeout(timer); resolve(code); });
    child.kill('SIGTERM');
  });
}

async function startSandboxCli(env = {}) {
  const { child, match } = await startChild(path.join(root, 'dist', 'sandbox', 'cli.js'), { SANDBOX_PORT: '0', ...env }, /listening on (http:\/\/\S+)/);
  return { child, url: match[1] };
}

async function startNodeRedChild(options) {
  const { child, match } = await startChild(path.join(__dirname, 'node-red-child.js'), { NR_OPTIONS: JSON.stringify(options) }, /^(\{.*\})$/m);
  return { child, url: JSON.parse(match[1]).url };
}

module.exports = { startChild, stopChild, startSandboxCli, startNodeRedChild };

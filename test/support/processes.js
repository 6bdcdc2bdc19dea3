// Child processes of the tests: start one and wait for its ready line, stop one, and
// `npm run sandbox`'s CLI. (A Node-RED child: test/support/node-red.js.)
const { spawn } = require('child_process');
const path = require('path');

const root = path.join(__dirname, '..', '..');

/** Starts a node script; resolves with the child, the first stdout match and output() (all it wrote so far). */
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
      if (m) { clearTimeout(timer); resolve({ child, match: m, output: () => out + err }); }
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

module.exports = { startChild, stopChild, startSandboxCli };

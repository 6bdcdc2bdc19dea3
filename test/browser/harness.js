// Shared by the tests that need a real Node-RED (adminAuth) or a real browser.
const { spawn, execFileSync } = require('child_process');
const path = require('path');

/** Starts test/browser/nr-server.js; resolves {nodeRed, sandbox, accountSid, authToken, stop()}. */
function startNodeRed(options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, 'nr-server.js')], {
      env: { ...process.env, NR_OPTIONS: JSON.stringify(options) },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error('Node-RED did not start in 30 s: ' + err)); }, 30000);
    child.stderr.on('data', (d) => { err += d; if (process.env.NR_DEBUG) process.stderr.write(d); });
    child.stdout.on('data', (d) => {
      out += d;
      if (process.env.NR_DEBUG) process.stdout.write(d);
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line && !child.started) {
        child.started = true;
        clearTimeout(timer);
        const info = JSON.parse(line);
        info.logs = () => out + err;
        info.stop = () => new Promise((res) => {
          if (child.exitCode !== null) return res();
          child.once('exit', () => res());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 5000).unref();
        });
        resolve(info);
      }
    });
    child.on('exit', (code) => {
      if (!child.started) { clearTimeout(timer); reject(new Error(`Node-RED exited (${code}): ${err}`)); }
    });
  });
}

/** Debian's chromium, or null. */
function findChromium() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || null;
    } catch (e) { /* not installed */ }
  }
  return null;
}

/** Admin API token for adminAuth users (the editor's own login grant). */
async function login(base, username, password, scope = '*') {
  const res = await fetch(`${base}/auth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: 'node-red-editor', grant_type: 'password', scope, username, password }).toString(),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  return (await res.json()).access_token;
}

module.exports = { startNodeRed, findChromium, login };

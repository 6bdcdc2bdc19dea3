// Shared by the tests that need a real Node-RED (adminAuth) or a real browser.
const { execFileSync } = require('child_process');
const { startChild, stopChild } = require('../support/processes');
const path = require('path');

/** Starts test/browser/nr-server.js; resolves {nodeRed, sandbox, accountSid, authToken, stop()}. */
async function startNodeRed(options = {}) {
  const { child, match } = await startChild(path.join(__dirname, '..', 'support', 'node-red.js'), { NR_OPTIONS: JSON.stringify(options) }, /^(\{.*\})$/m);
  return { ...JSON.parse(match[1]), stop: () => stopChild(child) };
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

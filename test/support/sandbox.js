// The tests' one sandbox helper: start one in this process (optionally behind the spec
// check), start `npm run sandbox`'s CLI as a child, and speak to one as Twilio's REST API is
// spoken (Basic auth, form bodies, .json paths).
const path = require('path');
const { startSandbox, SANDBOX_DEFAULTS } = require('../../dist/sandbox/server.js');
const { startChild } = require('./processes');

const A = SANDBOX_DEFAULTS.accountSid;
const TOKEN = SANDBOX_DEFAULTS.authToken;

function client(sb, user = A, pass = TOKEN) {
  const auth = 'Basic ' + Buffer.from(`${user}:${pass}`).toString('base64');
  return async function call(method, path, params) {
    const init = { method, headers: { Authorization: auth } };
    if (params) {
      const form = new URLSearchParams();
      for (const [k, v] of Object.entries(params)) for (const x of [].concat(v)) form.append(k, x);
      init.body = form.toString();
      init.headers['Content-Type'] = 'application/x-www-form-urlencoded';
    }
    const res = await fetch(sb.url + path, init);
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
  };
}

const accountPath = (p, account = A) => p.replace('{AccountSid}', account);

/**
 * The sandbox behind a capturing proxy that checks every answer against Twilio's OpenAPI
 * response schemas (test/conformance): point nodes at `sandbox.url` as usual, and call
 * `sandbox.assertConforms()` after each test.
 */
async function startCheckedSandbox() {
  const { specCheckedSandbox } = require('../conformance/lib/sandbox-check.js');
  const sandbox = await startSandbox({ port: 0 });
  const direct = sandbox.url;
  const checked = await specCheckedSandbox(sandbox);
  const closeSandbox = sandbox.close.bind(sandbox);
  sandbox.url = checked.url;
  sandbox.directUrl = direct;
  sandbox.assertConforms = () => checked.assertConforms();
  sandbox.close = async () => { await checked.close(); await closeSandbox(); };
  return sandbox;
}

/** `npm run sandbox`'s CLI in a child process; resolves {child, url}. */
async function startSandboxCli(env = {}) {
  const { child, match } = await startChild(path.join(__dirname, '..', '..', 'dist', 'sandbox', 'cli.js'), { SANDBOX_PORT: '0', ...env }, /listening on (http:\/\/\S+)/);
  return { child, url: match[1] };
}

module.exports = { A, TOKEN, SANDBOX_DEFAULTS, startSandbox, startCheckedSandbox, startSandboxCli, client, accountPath };

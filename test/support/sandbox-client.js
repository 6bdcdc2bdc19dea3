// Shared by the sandbox specs: an HTTP client speaking to the sandbox as Twilio's
// REST API is spoken (Basic auth, form bodies, .json paths).
const { SANDBOX_DEFAULTS } = require('../../dist/sandbox/server.js');

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

module.exports = { A, TOKEN, client, accountPath };

// A child Node-RED (test helper) whose account has no base URL, so it talks to
// https://api.twilio.com — through whatever proxy the environment or an `http proxy` config
// node names. The test gives the child NODE_EXTRA_CA_CERTS (a throwaway CA) and, for the
// no_proxy case, PATCH_DNS so api.twilio.com resolves to loopback. Prints one JSON line.
const dns = require('dns');
if (process.env.PATCH_DNS) {
  const lookup = dns.lookup;
  dns.lookup = function (host, opts, cb) {
    if (host === 'api.twilio.com') {
      const callback = typeof opts === 'function' ? opts : cb;
      const all = typeof opts === 'object' && opts && opts.all;
      return process.nextTick(() => (all ? callback(null, [{ address: '127.0.0.1', family: 4 }]) : callback(null, '127.0.0.1', 4)));
    }
    return lookup.apply(this, arguments);
  };
}
const h = require('./harness');
const o = require('./outbound');

const { helper } = h;
const options = JSON.parse(process.env.PROXY_CASE || '{}');

async function main() {
  await new Promise((r) => helper.startServer(r));
  const flow = o.actionFlow({ url: '' }, 'twilio-get', { object: 'api.v2010.Balance' }, { baseUrl: '', timeout: options.timeout || 5000, maxRetries: 0, proxy: options.proxyNode ? 'px' : '' });
  const creds = h.credentials();
  if (options.proxyNode) {
    flow.push({ id: 'px', type: 'http proxy', name: 'corp', url: options.proxyNode.url, noproxy: options.proxyNode.noproxy || [] });
    creds.px = { username: options.proxyNode.username, password: options.proxyNode.password };
  }
  await new Promise((resolve) => helper.load([...h.NODES, require('@node-red/nodes/core/network/06-httpproxy.js')], h.onTab(flow), creds, resolve));
  const started = Date.now();
  const r = await o.outcome(helper, { payload: null }, 'node', 20000);
  const result = { ms: Date.now() - started, out: r.out && { payload: r.out.payload, statusCode: r.out.twilio.statusCode } };
  if (r.error) result.error = { code: r.error.code, message: r.error.message };
  await helper.unload();
  process.stdout.write(JSON.stringify(result) + '\n');
  process.exit(0);
}
main().catch((err) => { process.stdout.write(JSON.stringify({ crash: String(err && err.stack) }) + '\n'); process.exit(1); });

// Corporate proxies: a child Node-RED whose account talks to https://api.twilio.com reaches it
// through a local CONNECT proxy; "api.twilio.com" is a local TLS server (a throwaway
// certificate trusted through NODE_EXTRA_CA_CERTS) that forwards to the sandbox. The proxy
// sees the CONNECT and never the Authorization header; a silent proxy ends in TIMEOUT within
// the account's timeout; no_proxy bypasses the proxy.
const assert = require('assert');
const fs = require('fs');
const http = require('http');
const https = require('https');
const net = require('net');
const os = require('os');
const path = require('path');
const { execFileSync, spawn } = require('child_process');
const { startSandbox, AUTH_TOKEN } = require('../support/harness');

function makeCert(dir) {
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1',
    '-subj', '/CN=api.twilio.com', '-addext', 'subjectAltName=DNS:api.twilio.com'], { stdio: 'ignore' });
  return { key: fs.readFileSync(key), cert: fs.readFileSync(cert), certFile: cert };
}

/** "api.twilio.com": TLS in front of the sandbox, recording the headers it receives. */
function startFakeTwilio(tls, sandboxUrl) {
  const seen = [];
  const server = https.createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    seen.push(req.headers);
    const up = http.request(sandboxUrl + req.url, { method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode, r.headers);
      r.pipe(res);
    });
    req.pipe(up);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, seen, port: server.address().port })));
}

/** A CONNECT proxy that sends every tunnel to `port` on loopback and records all it sees. */
function startConnectProxy(port, { silent = false } = {}) {
  const state = { connects: [], bytes: '', sockets: new Set() };
  const server = net.createServer((client) => {
    state.sockets.add(client);
    client.on('close', () => state.sockets.delete(client));
    client.on('error', () => {});
    let head = '';
    const onData = (d) => {
      state.bytes += d.toString('latin1');
      if (silent) return;
      head += d.toString('latin1');
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      client.removeListener('data', onData);
      state.connects.push(head.slice(0, end));
      const upstream = net.connect(port, '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        client.on('data', (x) => { state.bytes += x.toString('latin1'); });
        upstream.on('data', (x) => { state.bytes += x.toString('latin1'); });
        client.pipe(upstream).pipe(client);
      });
      upstream.on('error', () => client.destroy());
    };
    client.on('data', onData);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    state.url = `http://127.0.0.1:${server.address().port}`;
    state.close = () => { for (const s of state.sockets) s.destroy(); return new Promise((r) => server.close(r)); };
    resolve(state);
  }));
}

function runChild(env, proxyCase) {
  const clean = { ...process.env };
  for (const k of ['http_proxy', 'HTTP_PROXY', 'https_proxy', 'HTTPS_PROXY', 'all_proxy', 'ALL_PROXY', 'no_proxy', 'NO_PROXY']) delete clean[k];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, '..', 'support', 'proxy-child.js')], {
      env: { ...clean, ...env, PROXY_CASE: JSON.stringify(proxyCase) }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error('child hung:\n' + out + err)); }, 40000);
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    child.on('exit', () => {
      clearTimeout(timer);
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (!line) return reject(new Error('no result:\n' + out + err));
      const result = JSON.parse(line);
      if (result.crash) return reject(new Error(result.crash));
      resolve(result);
    });
  });
}

describe('proxies (CONNECT tunnel to a local "api.twilio.com")', function () {
  this.timeout(60000);
  let dir; let tls; let sandbox; let fake;
  before(async function () {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twilio-proxy-'));
    tls = makeCert(dir);
    sandbox = await startSandbox({ port: 0 });
    fake = await startFakeTwilio(tls, sandbox.url);
  });
  after(async function () {
    await new Promise((r) => fake.server.close(r));
    await sandbox.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('https_proxy from the environment: the request tunnels through; the proxy never sees the Authorization header', async function () {
    const proxy = await startConnectProxy(fake.port);
    try {
      const before = fake.seen.length;
      const r = await runChild({ NODE_EXTRA_CA_CERTS: tls.certFile, https_proxy: proxy.url }, {});
      assert.ok(r.out, JSON.stringify(r.error));
      assert.strictEqual(r.out.statusCode, 200);
      assert.ok(r.out.payload.currency);
      assert.strictEqual(proxy.connects.length, 1);
      assert.match(proxy.connects[0], /^CONNECT api\.twilio\.com:443 HTTP\/1\.1\r\n/);
      assert.doesNotMatch(proxy.bytes, /authorization/i);
      assert.ok(!proxy.bytes.includes(AUTH_TOKEN));
      assert.ok(!proxy.bytes.includes(Buffer.from(AUTH_TOKEN).toString('base64').slice(0, 12)));
      // the target did get the credentials, inside TLS
      assert.match(fake.seen[before].authorization, /^Basic /);
    } finally { await proxy.close(); }
  });

  it('an http proxy config node on the account: its user and password go to the proxy only, as Proxy-Authorization', async function () {
    const proxy = await startConnectProxy(fake.port);
    try {
      const before = fake.seen.length;
      const r = await runChild({ NODE_EXTRA_CA_CERTS: tls.certFile, HTTPS_PROXY: 'http://127.0.0.1:9' }, {
        proxyNode: { url: proxy.url, username: 'corp user', password: 'pr0xy-s3cret' },
      });
      assert.ok(r.out, JSON.stringify(r.error));
      assert.strictEqual(proxy.connects.length, 1);
      const auth = /Proxy-Authorization: Basic (\S+)/.exec(proxy.connects[0]);
      assert.strictEqual(Buffer.from(auth[1], 'base64').toString(), 'corp user:pr0xy-s3cret');
      assert.strictEqual(fake.seen[before]['proxy-authorization'], undefined);
    } finally { await proxy.close(); }
  });

  it('a proxy that never answers CONNECT ends in TIMEOUT within the account timeout; no secret in the error', async function () {
    const proxy = await startConnectProxy(fake.port, { silent: true });
    try {
      const r = await runChild({ NODE_EXTRA_CA_CERTS: tls.certFile, HTTPS_PROXY: proxy.url }, {
        timeout: 1000, proxyNode: { url: proxy.url, username: 'u', password: 'pr0xy-s3cret' },
      });
      assert.strictEqual(r.error && r.error.code, 'TIMEOUT', JSON.stringify(r));
      assert.ok(r.ms < 5000, `${r.ms} ms`);
      assert.match(proxy.bytes, /^CONNECT api\.twilio\.com:443/);
      assert.ok(!r.error.message.includes('pr0xy-s3cret') && !r.error.message.includes(AUTH_TOKEN));
    } finally { await proxy.close(); }
  });

  it('no_proxy naming the target bypasses the proxy (api.twilio.com resolved to loopback, port 443 closed)', async function () {
    const proxy = await startConnectProxy(fake.port);
    try {
      const r = await runChild({ NODE_EXTRA_CA_CERTS: tls.certFile, https_proxy: proxy.url, no_proxy: 'localhost,.twilio.com', PATCH_DNS: '1' }, { timeout: 2000 });
      assert.strictEqual(proxy.bytes, '');
      assert.ok(r.error, JSON.stringify(r));
      assert.notStrictEqual(r.error.code, 'TIMEOUT');
    } finally { await proxy.close(); }
  });
});

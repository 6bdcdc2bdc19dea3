'use strict';
// Prism 5.14.2 serving Twilio's OpenAPI description, behind a capturing proxy.
//
// The spec is preprocessed into a temp file: array form parameters (MediaUrl,
// StatusCallbackEvent, …) get `explode: true` form encodings, as Twilio reads repeated keys;
// without them Prism rejects `MediaUrl=a&MediaUrl=b`. Prism runs in its default static mode
// (no `-d`): it answers with the first example of the success response, so outputs are
// deterministic. `--errors` stays off: it would turn *response* violations of the spec's own
// examples into 500s; request violations are 422s either way.
const fs = require('fs');
const os = require('os');
const path = require('path');
const http = require('http');
const net = require('net');
const { spawn } = require('child_process');
const S = require('./spec');

const PRISM_BIN = path.join(S.ROOT, 'node_modules', '.bin', 'prism');

/** Twilio's spec (v2010's, or a product's file) as Prism needs it; returns the temp file path. */
function writePrismSpec(dir, specFile) {
  const spec = specFile ? JSON.parse(fs.readFileSync(specFile, 'utf8')) : JSON.parse(JSON.stringify(S.loadSpec()));
  for (const item of Object.values(spec.paths)) {
    for (const op of Object.values(item)) {
      const form = op && op.requestBody && op.requestBody.content && op.requestBody.content[S.FORM];
      if (!form || !form.schema || !form.schema.properties) continue;
      for (const [name, prop] of Object.entries(form.schema.properties)) {
        if (prop.type !== 'array') continue;
        form.encoding = form.encoding || {};
        form.encoding[name] = { ...(form.encoding[name] || {}), style: 'form', explode: true };
      }
    }
  }
  const file = path.join(dir, specFile ? path.basename(specFile).replace(/\.json$/, '.prism.json') : 'twilio_api_v2010.prism.json');
  fs.writeFileSync(file, JSON.stringify(spec));
  return file;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Start Prism and a capturing proxy in front of it.
 * Returns {url, prismUrl, requests, clear(), last(), logSince(n), stop()}.
 * `requests` holds every raw request: {method, path, query, body, headers, status, response}.
 */
async function startPrism(options = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twilio-conformance-'));
  const file = writePrismSpec(dir, options.specFile);
  const port = await freePort();
  const child = spawn(process.execPath, [PRISM_BIN, 'mock', file, '-h', '127.0.0.1', '-p', String(port), '-v', 'warn'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
  });
  // mocha's `exit: true` ends the process without after() hooks when it is interrupted: never
  // leave a Prism behind.
  const killOnExit = () => { if (child.exitCode === null) child.kill('SIGKILL'); };
  process.once('exit', killOnExit);
  const log = [];
  const onData = (chunk) => { for (const line of String(chunk).split('\n')) if (line.trim()) log.push(line); };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const prismUrl = `http://127.0.0.1:${port}`;
  await waitUntilListening(port, child, log);

  const capture = await startCapturingProxy(port, options.stripPrefix);
  const { url, requests } = capture;

  return {
    url,
    prismUrl,
    requests,
    log,
    clear() { requests.length = 0; },
    async stop() {
      await capture.close();
      process.removeListener('exit', killOnExit);
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const t = setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 3000);
        await exited;
        clearTimeout(t);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * An HTTP proxy on a free loopback port in front of 127.0.0.1:targetPort that records every
 * exchange: {method, url, path, query, body, headers, status, response, responseHeaders}.
 * `stripPrefix` removes the product prefix a base URL adds (/verify/v2/… → /v2/…).
 */
async function startCapturingProxy(port, stripPrefix) {
  const requests = [];
  const proxy = http.createServer((req, res) => {
    if (stripPrefix && req.url.startsWith(stripPrefix + '/')) req.url = req.url.slice(stripPrefix.length);
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const q = req.url.indexOf('?');
      const entry = {
        method: req.method,
        url: req.url,
        path: q < 0 ? req.url : req.url.slice(0, q),
        query: q < 0 ? '' : req.url.slice(q + 1),
        body: body.toString('utf8'),
        headers: req.headers,
      };
      requests.push(entry);
      const headers = { ...req.headers, host: `127.0.0.1:${port}` };
      const up = http.request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers }, (upRes) => {
        const out = [];
        upRes.on('data', (c) => out.push(c));
        upRes.on('end', () => {
          entry.status = upRes.statusCode;
          entry.response = Buffer.concat(out).toString('utf8');
          entry.responseHeaders = upRes.headers;
          res.writeHead(upRes.statusCode, upRes.headers);
          res.end(Buffer.concat(out));
        });
      });
      up.on('error', (err) => { entry.status = 502; entry.response = String(err); res.writeHead(502); res.end(); });
      up.end(body);
    });
  });
  await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxy.keepAliveTimeout = 1000;
  const url = `http://127.0.0.1:${proxy.address().port}`;

  return {
    url,
    requests,
    close() {
      return new Promise((resolve) => { proxy.closeAllConnections(); proxy.close(() => resolve()); });
    },
  };
}

function waitUntilListening(port, child, log) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const timer = setInterval(() => {
      if (child.exitCode !== null) { clearInterval(timer); reject(new Error('prism exited: ' + log.slice(-10).join('\n'))); return; }
      if (Date.now() - started > 60000) { clearInterval(timer); child.kill('SIGKILL'); reject(new Error('prism did not start in 60 s')); return; }
      const sock = net.connect(port, '127.0.0.1');
      sock.on('connect', () => { sock.destroy(); clearInterval(timer); resolve(); });
      sock.on('error', () => sock.destroy());
    }, 200);
  });
}

/** Prism's own account of a rejection, for assertion messages. */
function prismRejection(entry) {
  if (!entry) return 'no request reached Prism';
  let detail = entry.response;
  try {
    const body = JSON.parse(entry.response);
    detail = body.validation ? body.validation.map((v) => `${v.location.join('.')}: ${v.message}`).join('; ') : body.detail || body.title;
  } catch (e) { /* not JSON */ }
  return `${entry.method} ${entry.url} ${entry.body ? `body ${entry.body} ` : ''}→ ${entry.status}: ${detail}`;
}

module.exports = { startPrism, startCapturingProxy, writePrismSpec, prismRejection };

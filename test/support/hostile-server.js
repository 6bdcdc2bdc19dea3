// A hostile "Twilio" on loopback for the reliability tests: it answers with what a broken or
// malicious server sends — truncated JSON, HTML, empty or odd 2xx bodies, endless paging,
// drip-fed bytes, redirects, huge bodies, hangs and resets. `use(mode, options)` picks the
// answer; every request is recorded (method, url, headers, body) for the tests to inspect.
'use strict';
const http = require('http');

const SID = 'SM' + '0'.repeat(32);
const RECORD = { sid: SID, account_sid: 'AC' + '0'.repeat(32), body: 'hi', status: 'queued' };

function json(res, status, body, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

/** Where a list's records are, from the request path (`…/Messages.json` → `messages`). */
function listKey(url) {
  const m = /\/([A-Za-z]+)\.json/.exec(url);
  return m ? m[1].replace(/^./, (c) => c.toLowerCase()).replace(/[A-Z]/g, (c) => '_' + c.toLowerCase()) : 'records';
}

const MODES = {
  /** a valid record (or a one-record page for a list) */
  ok: (req, res) => (req.isList ? json(res, 200, { [listKey(req.url)]: [RECORD], next_page_uri: null, page: 0, page_size: 50 }) : json(res, req.method === 'POST' ? 201 : 200, RECORD)),
  truncatedJson: (req, res) => json(res, 200, JSON.stringify(RECORD).slice(0, 25)),
  html: (req, res) => { res.writeHead(200, { 'content-type': 'text/html' }); res.end('<html><body>Gateway</body></html>'); },
  empty: (req, res) => { res.writeHead(200); res.end(); },
  emptyCreated: (req, res) => { res.writeHead(201); res.end(); },
  array: (req, res) => json(res, 200, [RECORD]),
  string: (req, res) => json(res, 200, '"just text"'),
  noIdentity: (req, res) => json(res, 200, { account_sid: RECORD.account_sid, body: 'hi' }),
  /** a 2xx with a body where the spec declares none (a Delete's 204 answered as 200 with a record) */
  bodyOnDelete: (req, res) => json(res, 200, RECORD),
  /** every page names itself as the next page */
  endlessPaging: (req, res) => json(res, 200, { [listKey(req.url)]: [RECORD], next_page_uri: req.url.split('?')[0] + '?Page=1&PageToken=PAloop', page: 1 }),
  /** pages without records that always point at a new next page */
  emptyPages: (req, res, n) => json(res, 200, { [listKey(req.url)]: [], next_page_uri: `${req.url.split('?')[0]}?Page=${n + 1}&PageToken=PA${n + 1}`, page: n }),
  /** a valid record, one byte every `everyMs` */
  drip: (req, res, n, o) => {
    const text = JSON.stringify(RECORD);
    res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    let i = 0;
    const timer = setInterval(() => {
      if (res.destroyed || i >= text.length) { clearInterval(timer); if (!res.destroyed) res.end(); return; }
      res.write(text[i++]);
    }, o.everyMs || 250);
    res.on('close', () => clearInterval(timer));
  },
  redirect: (req, res, n, o) => { res.writeHead(o.status || 302, { location: o.location || 'https://evil.example/steal' }); res.end(); },
  huge: (req, res, n, o) => json(res, 200, { ...RECORD, body: 'x'.repeat(o.bytes || 8 * 1024 * 1024) }),
  hang: () => {},
  reset: (req) => req.socket.destroy(),
  status: (req, res, n, o) => json(res, o.status, o.body === undefined ? { code: o.code || o.status * 100, message: o.message || 'failure', more_info: 'https://www.twilio.com/docs/errors/x', status: o.status } : o.body, o.headers || {}),
};

async function startHostileServer() {
  const requests = [];
  let mode = 'ok';
  let options = {};
  let served = 0;
  const sockets = new Set();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      requests.push({ method: req.method, url: req.url, headers: req.headers, body });
      req.isList = req.method === 'GET' && !/\/[A-Z]{2}[0-9a-f]{32}\.json/.test(req.url) && !/\/Accounts\/AC[0-9a-f]{32}\.json/.test(req.url);
      MODES[mode](req, res, served++, options);
    });
  });
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    requests,
    modes: Object.keys(MODES),
    use(name, opts = {}) {
      if (!MODES[name]) throw new Error(`no hostile mode ${name}`);
      mode = name;
      options = opts;
      served = 0;
      requests.length = 0;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}

module.exports = { startHostileServer, RECORD, SID };

'use strict';
// The baselines: the same operations from plain code, no Node-RED. `fetch` is raw HTTP with
// Basic auth (the floor); `sdk` is what a function node wrapping the twilio SDK would do,
// with an httpClient that sends the SDK's api.twilio.com requests to the sandbox.
const http = require('http');

const agents = [];

function auth({ accountSid, authToken }) {
  return 'Basic ' + Buffer.from(`${accountSid}:${authToken}`).toString('base64');
}

async function fetchGet(creds, sid) {
  const res = await fetch(`${creds.url}/2010-04-01/Accounts/${creds.accountSid}/Messages/${sid}.json`, {
    headers: { Authorization: creds.authHeader || (creds.authHeader = auth(creds)) },
  });
  const body = await res.json();
  if (res.status !== 200 || body.sid !== sid) throw new Error(`fetch get: ${res.status}`);
  return body;
}

async function fetchCreate(creds, params) {
  const res = await fetch(`${creds.url}/2010-04-01/Accounts/${creds.accountSid}/Messages.json`, {
    method: 'POST',
    headers: { Authorization: creds.authHeader || (creds.authHeader = auth(creds)), 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params).toString(),
  });
  const body = await res.json();
  if (res.status !== 201) throw new Error(`fetch create: ${res.status} ${body.message}`);
  return body;
}

function sdkClient(creds, maxSockets) {
  const twilio = require('twilio');
  const agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  agents.push(agent);
  class SandboxRequestClient extends twilio.RequestClient {
    constructor() {
      super({ keepAlive: true, maxSockets, autoRetry: false });
      this.axios.defaults.httpAgent = agent;
    }
    request(opts) {
      return super.request({ ...opts, uri: opts.uri.replace(/^https:\/\/api\.twilio\.com/, creds.url) });
    }
  }
  return twilio(creds.accountSid, creds.authToken, {
    accountSid: creds.accountSid, httpClient: new SandboxRequestClient(), region: '', edge: '', logLevel: 'none', autoRetry: false, env: {},
  });
}

async function sdkGet(client, sid) {
  const m = await client.messages(sid).fetch();
  if (m.sid !== sid) throw new Error('sdk get: wrong record');
  return m;
}

/** Raw SDK paging outside Node-RED: every page of Messages, records counted; resolves with the count. */
async function sdkPaging(client, creds, pageSize) {
  let uri = `https://api.twilio.com/2010-04-01/Accounts/${creds.accountSid}/Messages.json?PageSize=${pageSize}`;
  let records = 0;
  while (uri) {
    const res = await client.request({ method: 'get', uri });
    const page = typeof res.body === 'string' ? JSON.parse(res.body) : res.body; // the SDK's axios may have parsed it
    records += page.messages.length;
    uri = page.next_page_uri ? 'https://api.twilio.com' + page.next_page_uri : null;
  }
  return records;
}

/**
 * A plain keep-alive HTTP client (the sandbox's ceiling): request(method, path, form?) → {status, body}.
 * With `raw`, body is the response text, unparsed: what the sandbox serves, not what a client parses.
 */
function plainClient(creds, maxSockets, { raw = false } = {}) {
  const agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  agents.push(agent);
  const authorization = auth(creds);
  return (method, path, form) => new Promise((resolve, reject) => {
    const data = form ? new URLSearchParams(form).toString() : undefined;
    const req = http.request(creds.url + path, {
      method, agent,
      headers: { Authorization: authorization, ...(data ? { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(data) } : {}) },
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode, body: raw ? text : JSON.parse(text || 'null') });
      });
    });
    req.on('error', reject);
    req.end(data);
  });
}

function close() {
  for (const a of agents.splice(0)) a.destroy();
}

module.exports = { fetchGet, fetchCreate, sdkClient, sdkGet, sdkPaging, plainClient, close };

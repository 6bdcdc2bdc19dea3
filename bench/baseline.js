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

function close() {
  for (const a of agents.splice(0)) a.destroy();
}

module.exports = { fetchGet, fetchCreate, sdkClient, sdkGet, close };

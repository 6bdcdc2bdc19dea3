// The sandbox calls back: signed status callbacks through a Message's and a Call's life, and
// POST /__sandbox/inbound acting on the TwiML it gets. Signatures are checked with the SDK's
// own validator; the receiver is a real loopback HTTP server.
const assert = require('assert');
const http = require('http');
const { validateRequest } = require('twilio/lib/webhooks/webhooks');
const { startSandbox } = require('../../dist/sandbox/server.js');
const { A, TOKEN, client } = require('../support/sandbox');

/** A loopback receiver that answers with `answer(path)` and records every request. */
async function receiver(answer = () => '<Response/>') {
  const seen = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '';
      seen.push({ method: req.method, path: req.url, headers: req.headers, params: Object.fromEntries(new URLSearchParams(req.method === 'GET' ? query : body)) });
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(answer(req.url));
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${server.address().port}`;
  return { url, seen, close: () => new Promise((r) => server.close(r)) };
}

const until = async (test, ms = 5000) => {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('sandbox: status callbacks and inbound webhooks', function () {
  let sb;
  let rx;
  let call;
  before(async function () {
    sb = await startSandbox({ port: 0, callbackDelayMs: 10 });
    call = client(sb);
  });
  after(async function () { await sb.close(); });
  beforeEach(async function () {
    sb.reset();
    rx = await receiver((p) => (p.startsWith('/sms') ? '<Response><Message>Thanks, got it</Message></Response>' : '<Response><Say>Hello caller</Say><Hangup/><Say>never said</Say></Response>'));
  });
  afterEach(async function () { await rx.close(); });

  // GET: the parameters are in the signed URL.
  const validSignature = (r) => validateRequest(TOKEN, r.headers['x-twilio-signature'], rx.url + r.path, r.method === 'GET' ? {} : r.params);

  it('a Message with StatusCallback gets queued, sent, delivered, each signed, and the record follows', async function () {
    const created = await call('POST', `/2010-04-01/Accounts/${A}/Messages.json`, { To: '+15558675310', From: '+15005550006', Body: 'hi', StatusCallback: `${rx.url}/status` });
    assert.strictEqual(created.status, 201);
    await until(() => rx.seen.length === 3);
    assert.deepStrictEqual(rx.seen.map((r) => r.params.MessageStatus), ['queued', 'sent', 'delivered']);
    for (const r of rx.seen) {
      assert.ok(validSignature(r), 'signature validates with the SDK');
      assert.strictEqual(r.params.MessageSid, created.body.sid);
      assert.strictEqual(r.params.AccountSid, A);
      assert.strictEqual(r.params.To, '+15558675310');
      assert.ok(r.headers['i-twilio-idempotency-token']);
    }
    assert.strictEqual(new Set(rx.seen.map((r) => r.headers['i-twilio-idempotency-token'])).size, 3);
    const stored = await call('GET', `/2010-04-01/Accounts/${A}/Messages/${created.body.sid}.json`);
    assert.strictEqual(stored.body.status, 'delivered');
  });

  it("a failing destination ends undelivered with Twilio's error code", async function () {
    await call('POST', `/2010-04-01/Accounts/${A}/Messages.json`, { To: '+15005559903', From: '+15005550006', Body: 'hi', StatusCallback: `${rx.url}/status` });
    await until(() => rx.seen.length === 3);
    assert.deepStrictEqual(rx.seen.map((r) => r.params.MessageStatus), ['queued', 'sent', 'undelivered']);
    assert.strictEqual(rx.seen[2].params.ErrorCode, '30003');
  });

  it('a Call reports completed, or every event when StatusCallbackEvent asks', async function () {
    await call('POST', `/2010-04-01/Accounts/${A}/Calls.json`, { To: '+15558675310', From: '+15005550006', Url: 'http://demo.twilio.com/docs/voice.xml', StatusCallback: `${rx.url}/call` });
    await until(() => rx.seen.length === 1);
    await call('POST', `/2010-04-01/Accounts/${A}/Calls.json`, { To: '+15558675310', From: '+15005550006', Url: 'http://demo.twilio.com/docs/voice.xml', StatusCallback: `${rx.url}/call`, StatusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'] });
    await until(() => rx.seen.length === 5);
    assert.deepStrictEqual(rx.seen.map((r) => r.params.CallStatus), ['completed', 'initiated', 'ringing', 'in-progress', 'completed']);
    assert.ok(rx.seen.every(validSignature));
  });

  it('calls back loopback URLs only', async function () {
    await call('POST', `/2010-04-01/Accounts/${A}/Messages.json`, { To: '+15558675310', From: '+15005550006', Body: 'hi', StatusCallback: 'http://example.com/status' });
    await until(() => sb.callbacks.length === 1);
    assert.match(sb.callbacks[0].error, /loopback/);
    assert.strictEqual(sb.callbacks[0].status, undefined);
  });

  it('POST /__sandbox/inbound: an SMS to a seeded number, signed; the <Message> answer becomes a reply message', async function () {
    sb.seed(A, 'api.v2010.IncomingPhoneNumbers', [{ phone_number: '+15005550006', sms_url: `${rx.url}/sms`, sms_method: 'POST', voice_url: `${rx.url}/voice` }]);
    const res = await fetch(`${sb.url}/__sandbox/inbound`, { method: 'POST', body: JSON.stringify({ to: '+15005550006', from: '+15551234567', body: 'hello?' }) });
    const out = await res.json();
    assert.strictEqual(res.status, 200, JSON.stringify(out));
    const [req] = rx.seen;
    assert.ok(validSignature(req));
    assert.deepStrictEqual([req.params.Body, req.params.From, req.params.SmsStatus, req.params.MessageSid], ['hello?', '+15551234567', 'received', out.sid]);
    assert.strictEqual(out.actions[0].verb, 'Message');
    const reply = await call('GET', `/2010-04-01/Accounts/${A}/Messages/${out.actions[0].sid}.json`);
    assert.deepStrictEqual([reply.body.body, reply.body.to, reply.body.from, reply.body.direction], ['Thanks, got it', '+15551234567', '+15005550006', 'outbound-reply']);
  });

  it('an inbound call records <Say> and <Hangup> on the call, which completes', async function () {
    sb.seed(A, 'api.v2010.IncomingPhoneNumbers', [{ phone_number: '+15005550006', sms_url: `${rx.url}/sms`, voice_url: `${rx.url}/voice`, voice_method: 'GET' }]);
    const out = await sb.inbound({ kind: 'call', to: '+15005550006', from: '+15551234567' });
    assert.deepStrictEqual(out.actions.map((x) => [x.verb, x.text]), [['Say', 'Hello caller'], ['Hangup', '']]);
    assert.strictEqual(rx.seen[0].method, 'GET');
    assert.ok(validSignature(rx.seen[0]));
    assert.strictEqual(rx.seen[0].params.CallStatus, 'ringing');
    const stored = await call('GET', `/2010-04-01/Accounts/${A}/Calls/${out.sid}.json`);
    assert.strictEqual(stored.body.status, 'completed');
  });

  it('inbound to an unknown number is a clear 400', async function () {
    const res = await fetch(`${sb.url}/__sandbox/inbound`, { method: 'POST', body: JSON.stringify({ to: '+15550000000', from: '+15551234567' }) });
    assert.strictEqual(res.status, 400);
    assert.match((await res.json()).message, /no IncomingPhoneNumber \+15550000000/);
  });
});

// The webhook's parts on their own: the signed URL, the SDK-backed signature check, the
// idempotency cache's bounds, and what msg.twilio says for Twilio's documented parameters.
const assert = require('assert');
const crypto = require('crypto');
const { getExpectedTwilioSignature } = require('twilio/lib/webhooks/webhooks');
const { signedUrl } = require('../../../dist/nodes/webhook/signed-url.js');
const { verifySignature } = require('../../../dist/nodes/webhook/signature.js');
const { IdempotencyCache } = require('../../../dist/nodes/webhook/idempotency.js');
const { summarise } = require('../../../dist/nodes/webhook/message.js');
const { parseForm } = require('../../../dist/nodes/webhook/body.js');

const TOKEN = '12345';
const req = (headers, originalUrl = '/api/twilio/sms?x=1', encrypted = false) => ({ headers, originalUrl, url: '/twilio/sms?x=1', socket: { encrypted } });

describe('webhook: the signed URL', function () {
  it('the request origin + originalUrl (keeps httpNodeRoot)', function () {
    assert.strictEqual(signedUrl(req({ host: '127.0.0.1:1880' }), {}), 'http://127.0.0.1:1880/api/twilio/sms?x=1');
    assert.strictEqual(signedUrl(req({ host: 'h' }, '/a', true), {}), 'https://h/a');
  });
  it('publicUrl wins, with or without a trailing slash and with a path prefix', function () {
    assert.strictEqual(signedUrl(req({ host: 'local' }), { publicUrl: 'https://example.com/nr/' }), 'https://example.com/nr/api/twilio/sms?x=1');
  });
  it('X-Forwarded-* only when behind a proxy', function () {
    const h = { host: 'local:1880', 'x-forwarded-proto': 'https, http', 'x-forwarded-host': 'pub.example, other' };
    assert.strictEqual(signedUrl(req(h), { behindProxy: true }), 'https://pub.example/api/twilio/sms?x=1');
    assert.strictEqual(signedUrl(req(h), { behindProxy: false }), 'http://local:1880/api/twilio/sms?x=1');
  });
});

describe('webhook: the signature (SDK validators)', function () {
  const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
  const params = { CallSid: 'CA1234567890ABCDE', Caller: '+12349013030', Digits: '1234', From: '+12349013030', To: '+18005551212' };
  const base = { method: 'POST', url, contentType: 'form', rawBody: Buffer.alloc(0), form: params };
  const good = getExpectedTwilioSignature(TOKEN, url, params);
  it("a signature made by the SDK validates; a GET's is over the URL alone", function () {
    assert.deepStrictEqual(verifySignature(TOKEN, { ...base, signature: good }), { ok: true });
    assert.deepStrictEqual(verifySignature(TOKEN, { ...base, method: 'GET', form: {}, signature: getExpectedTwilioSignature(TOKEN, url, {}) }), { ok: true });
  });
  it('says why it refuses, never how', function () {
    assert.deepStrictEqual(verifySignature(TOKEN, { ...base, signature: undefined }), { ok: false, reason: 'noSignature' });
    assert.deepStrictEqual(verifySignature(undefined, { ...base, signature: 'x' }), { ok: false, reason: 'noToken' });
    assert.deepStrictEqual(verifySignature(TOKEN, { ...base, signature: good, form: { ...params, Digits: '1235' } }), { ok: false, reason: 'badSignature' });
  });
  it('bodySHA256: the raw body must hash to it; a JSON body without it is unsigned', function () {
    const body = '{"a": 1}';
    const hash = crypto.createHash('sha256').update(body).digest('hex');
    const u = `https://example.com/hook?bodySHA256=${hash}`;
    const signature = getExpectedTwilioSignature(TOKEN, u, {});
    const json = { method: 'POST', url: u, contentType: 'json', form: {}, signature };
    assert.deepStrictEqual(verifySignature(TOKEN, { ...json, rawBody: Buffer.from(body) }), { ok: true });
    assert.deepStrictEqual(verifySignature(TOKEN, { ...json, rawBody: Buffer.from('{"a":1}') }), { ok: false, reason: 'badSignature' });
    assert.deepStrictEqual(verifySignature(TOKEN, { ...json, url: 'https://example.com/hook', rawBody: Buffer.from(body) }), { ok: false, reason: 'jsonUnsigned' });
  });
});

describe('webhook: the idempotency cache', function () {
  const answer = { status: 200, headers: {}, body: Buffer.from('<Response/>') };
  it('forgets the oldest beyond its size and anything older than its age', function () {
    const c = new IdempotencyCache(3, 1000);
    for (const t of ['a', 'b', 'c', 'd']) c.remember(t, answer, 0);
    assert.strictEqual(c.size, 3);
    assert.strictEqual(c.get('a', 10), undefined);
    assert.strictEqual(c.get('d', 10), answer);
    assert.strictEqual(c.get('d', 1001), undefined);
    assert.strictEqual(c.get(undefined), undefined);
  });
});

describe('webhook: msg.twilio from the parameters Twilio documents', function () {
  const cases = [
    [{ MessageSid: 'SM1', SmsStatus: 'received', Body: 'hi', From: '+1', To: '+2', AccountSid: 'AC1' }, { event: 'incoming-message', accountSid: 'AC1', sid: 'SM1', from: '+1', to: '+2', status: 'received' }],
    [{ MessageSid: 'SM1', MessageStatus: 'delivered', SmsStatus: 'delivered' }, { event: 'message-status', sid: 'SM1', status: 'delivered' }],
    [{ CallSid: 'CA1', CallStatus: 'ringing', Direction: 'inbound' }, { event: 'incoming-call', sid: 'CA1', status: 'ringing' }],
    [{ CallSid: 'CA1', CallStatus: 'completed', Direction: 'outbound-api' }, { event: 'call-status', sid: 'CA1', status: 'completed' }],
    [{ CallSid: 'CA1', RecordingSid: 'RE1', RecordingStatus: 'completed' }, { event: 'recording', sid: 'RE1', status: 'completed' }],
    [{ Foo: 'bar' }, { event: 'unknown' }],
  ];
  for (const [params, expected] of cases) {
    it(expected.event + ' ' + JSON.stringify(params).slice(0, 40), () => assert.deepStrictEqual(summarise(params, 'any'), expected));
  }
  it('repeated form keys become arrays', function () {
    assert.deepStrictEqual(parseForm('A=1&B=2&A=3'), { A: ['1', '3'], B: '2' });
  });
});

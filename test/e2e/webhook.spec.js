// twilio-webhook in a real Node-RED (httpNodeRoot /api, a JSON and form parser in
// httpNodeMiddleware): requests signed with the SDK's own signature function pass, every
// tampered one is refused 403 and emits nothing, retries are deduplicated after a 2xx.
const assert = require('assert');
const path = require('path');
const { startNodeRed } = require('../../dist/scripts/embed-node-red.js');
const { callWebhook } = require('../support/webhook-client');
const { deployFlows, recordSends } = require('../support/node-red-deploy');

const TOKEN = 'webhook-test-auth-token';
const ACCOUNT_SID = 'AC' + 'b0b'.padEnd(32, '0');
const nrExpress = require(require.resolve('express', { paths: [path.dirname(require.resolve('node-red/package.json'))] }));

const reply = (id, wires, twiml, status = 200) => ({
  id, type: 'change', z: 't', rules: [
    { t: 'set', p: 'payload', pt: 'msg', to: twiml, tot: 'str' },
    { t: 'set', p: 'headers', pt: 'msg', to: '{"content-type":"text/xml"}', tot: 'json' },
    { t: 'set', p: 'statusCode', pt: 'msg', to: String(status), tot: 'num' },
  ], wires: [wires],
});
const hook = (id, url, extra = {}, wires = ['ans']) => ({
  id, type: 'twilio-webhook', z: 't', account: 'acc', method: 'POST', url, publicUrl: '', behindProxy: false, events: 'any', wires: [wires], ...extra,
});

function flows() {
  return [
    { id: 't', type: 'tab', label: 'webhooks' },
    { id: 'acc', type: 'twilio-account', name: 'a', authType: 'token', baseUrl: '', credentials: { accountSid: ACCOUNT_SID, authToken: TOKEN } },
    hook('wh', '/twilio/sms'),
    hook('wh-get', '/twilio/get', { method: 'GET' }),
    hook('wh-json', '/twilio/json'),
    hook('wh-pub', '/twilio/pub', { publicUrl: 'https://example.com/nodered/' }),
    hook('wh-proxy', '/twilio/proxy', { behindProxy: true }),
    hook('wh-slow', '/twilio/slow', {}, ['sink']),
    hook('wh-late', '/twilio/late', {}, ['later']),
    { id: 'sink', type: 'change', z: 't', rules: [], wires: [[]] },
    { id: 'later', type: 'delay', z: 't', pauseType: 'delay', timeout: '1700', timeoutUnits: 'milliseconds', rate: '1', nbRateUnits: '1', rateUnits: 'second', randomFirst: '1', randomLast: '5', randomUnits: 'seconds', drop: false, allowrate: false, outputs: 1, wires: [['ans']] },
    hook('wh-fail', '/twilio/fail', {}, ['fail']),
    { id: 'acc-key', type: 'twilio-account', name: 'k', authType: 'apikey', baseUrl: '', credentials: { accountSid: ACCOUNT_SID, apiKeySid: 'SK' + '1'.repeat(32), apiKeySecret: 'key-secret', authToken: TOKEN } },
    { id: 'acc-key-only', type: 'twilio-account', name: 'k2', authType: 'apikey', baseUrl: '', credentials: { accountSid: ACCOUNT_SID, apiKeySid: 'SK' + '2'.repeat(32), apiKeySecret: 'key-secret' } },
    hook('wh-key', '/twilio/key', { account: 'acc-key' }),
    hook('wh-key-only', '/twilio/key-only', { account: 'acc-key-only' }),
    reply('ans', ['out'], '<Response><Message>hi</Message></Response>'),
    reply('fail', ['out'], 'no', 500),
    { id: 'out', type: 'http response', z: 't', statusCode: '', headers: {}, wires: [] },
  ];
}

describe('twilio-webhook (real Node-RED, httpNodeRoot /api)', function () {
  // Redeploys happen in the last tests of this file: keep them last.
  this.timeout(30000);
  let nr;
  let sends;
  const local = (p) => `${nr.url}/api${p}`;
  const sms = { MessageSid: 'SM' + '1'.repeat(32), SmsStatus: 'received', AccountSid: ACCOUNT_SID, From: '+15551234567', To: '+15005550006', Body: 'Hello there' };

  before(async function () {
    nr = await startNodeRed({ settings: { twilioWebhookAnswerTimeout: 1500, httpNodeMiddleware: [nrExpress.json(), nrExpress.urlencoded({ extended: true })] } });
    await deployFlows(nr, flows());
    sends = recordSends(nr);
  });
  after(async function () { if (sends) sends.stop(); if (nr) await nr.stop(); });
  beforeEach(() => sends.clear());

  it('a signed form POST under httpNodeRoot is emitted with payload, msg.twilio and answered by the flow', async function () {
    const r = await callWebhook(local('/twilio/sms'), local('/twilio/sms'), { params: sms, token: TOKEN });
    assert.strictEqual(r.status, 200, r.text);
    assert.match(r.type, /text\/xml/);
    assert.strictEqual(r.text, '<Response><Message>hi</Message></Response>');
    const [msg] = sends.of('wh');
    assert.deepStrictEqual(msg.payload, sms);
    assert.deepStrictEqual(msg.twilio, { event: 'incoming-message', accountSid: ACCOUNT_SID, sid: sms.MessageSid, from: sms.From, to: sms.To, status: 'received' });
  });

  it('parameters in another order and repeated keys pass (the signature sorts them)', async function () {
    const params = { To: sms.To, MediaUrl: ['https://b.example/2', 'https://a.example/1'], From: sms.From, Body: 'x', MessageSid: sms.MessageSid };
    const r = await callWebhook(local('/twilio/sms'), local('/twilio/sms'), { params, token: TOKEN });
    assert.strictEqual(r.status, 200, r.text);
    assert.deepStrictEqual(sends.of('wh')[0].payload.MediaUrl, ['https://b.example/2', 'https://a.example/1']);
  });

  it('a signed GET with a query string passes; the query is the payload', async function () {
    const q = '?CallSid=CA' + '2'.repeat(32) + '&CallStatus=completed&From=%2B15551234567';
    const r = await callWebhook(local('/twilio/get' + q), local('/twilio/get' + q), { method: 'GET', token: TOKEN });
    assert.strictEqual(r.status, 200, r.text);
    const [msg] = sends.of('wh-get');
    assert.strictEqual(msg.payload.From, '+15551234567');
    assert.strictEqual(msg.twilio.event, 'call-status');
  });

  it('JSON with bodySHA256 is checked on the raw bytes, even with a JSON parser in httpNodeMiddleware', async function () {
    const json = '{"EventType": "com.twilio.test",  "Data": {"b": 1, "a": [2]}}';
    const r = await callWebhook(local('/twilio/json'), local('/twilio/json'), { json, token: TOKEN });
    assert.strictEqual(r.status, 200, r.text);
    assert.deepStrictEqual(sends.of('wh-json')[0].payload, JSON.parse(json));
    // Same parsed JSON, other bytes: the body hash no longer matches.
    const other = await callWebhook(local('/twilio/json'), local('/twilio/json'), { json, token: TOKEN, bodyOverride: JSON.stringify(JSON.parse(json)) });
    assert.strictEqual(other.status, 403);
  });

  it('behind a publicUrl that differs from the local URL: signed for the public URL passes, for the local one is refused', async function () {
    const pub = 'https://example.com/nodered/api/twilio/pub';
    assert.strictEqual((await callWebhook(local('/twilio/pub'), pub, { params: sms, token: TOKEN })).status, 200);
    assert.strictEqual((await callWebhook(local('/twilio/pub'), local('/twilio/pub'), { params: sms, token: TOKEN })).status, 403);
  });

  it('behind a proxy: X-Forwarded-Proto/Host are honoured only when the node says so', async function () {
    const headers = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'hooks.example.org' };
    const pub = 'https://hooks.example.org/api';
    assert.strictEqual((await callWebhook(local('/twilio/proxy'), pub + '/twilio/proxy', { params: sms, token: TOKEN, headers })).status, 200);
    assert.strictEqual((await callWebhook(local('/twilio/sms'), pub + '/twilio/sms', { params: sms, token: TOKEN, headers })).status, 403);
  });

  it('refuses with 403 and emits nothing: changed value, added or removed parameter, other URL, wrong token, missing header', async function () {
    const url = local('/twilio/sms');
    const cases = {
      changed: { params: { ...sms, Body: 'Hello therE' }, signParams: sms },
      added: { params: { ...sms, Extra: '1' }, signParams: sms },
      removed: { params: { ...sms, Body: undefined }, signParams: sms },
      otherUrl: { params: sms, signedUrl: local('/twilio/other') },
      wrongToken: { params: sms, token: 'not-the-token' },
      missing: { params: sms, signature: null },
    };
    for (const [name, c] of Object.entries(cases)) {
      const params = Object.fromEntries(Object.entries(c.params).filter(([, v]) => v !== undefined));
      const r = await callWebhook(url, c.signedUrl || url, { params, token: c.token || TOKEN, signature: c.signature, signParams: c.signParams });
      assert.strictEqual(r.status, 403, name);
      assert.match(r.text, /Forbidden/, name);
      assert.ok(!r.text.includes(TOKEN), name);
    }
    assert.strictEqual(sends.of('wh').length, 0);
  });

  it("Twilio's scheme limitation: moving characters between a name and its value keeps the signature valid", async function () {
    // name+value are concatenated without a delimiter, so {Bo: "dyX"} signs like {Body: "X"}.
    const r = await callWebhook(local('/twilio/sms'), local('/twilio/sms'), { params: { Bo: 'dyX' }, signParams: { Body: 'X' }, token: TOKEN });
    assert.strictEqual(r.status, 200);
  });

  it('a replayed idempotency token is answered as the first time and not emitted twice after a 2xx', async function () {
    const headers = { 'i-twilio-idempotency-token': 'tok-ok-1' };
    const a = await callWebhook(local('/twilio/sms'), local('/twilio/sms'), { params: sms, token: TOKEN, headers });
    const b = await callWebhook(local('/twilio/sms'), local('/twilio/sms'), { params: sms, token: TOKEN, headers });
    assert.strictEqual(a.status, 200);
    assert.deepStrictEqual([b.status, b.text], [a.status, a.text]);
    assert.match(b.type, /text\/xml/);
    assert.strictEqual(sends.of('wh').length, 1);
    // An unsigned request with that token is still refused: the cache never answers before the signature.
    assert.strictEqual((await callWebhook(local('/twilio/sms'), local('/twilio/sms'), { params: sms, headers, signature: null })).status, 403);
  });

  it('a retry of a request the flow failed (5xx) is emitted again', async function () {
    const headers = { 'i-twilio-idempotency-token': 'tok-fail-1' };
    assert.strictEqual((await callWebhook(local('/twilio/fail'), local('/twilio/fail'), { params: sms, token: TOKEN, headers })).status, 500);
    assert.strictEqual((await callWebhook(local('/twilio/fail'), local('/twilio/fail'), { params: sms, token: TOKEN, headers })).status, 500);
    assert.strictEqual(sends.of('wh-fail').length, 2);
  });

  it('answers an empty <Response/> itself when the flow does not answer in time', async function () {
    const t0 = Date.now();
    const r = await callWebhook(local('/twilio/slow'), local('/twilio/slow'), { params: sms, token: TOKEN });
    assert.strictEqual(r.status, 200);
    assert.match(r.type, /text\/xml/);
    assert.match(r.text, /<Response\/>$/);
    assert.ok(Date.now() - t0 >= 1400, 'waited for the timeout');
    assert.strictEqual(sends.of('wh-slow').length, 1);
    assert.strictEqual(sends.logsOf('wh-slow').filter((l) => /did not answer/.test(l.text)).length, 1);
  });

  it('an answer the flow sends after the node answered is dropped with one warning', async function () {
    const r = await callWebhook(local('/twilio/late'), local('/twilio/late'), { params: sms, token: TOKEN });
    assert.match(r.text, /<Response\/>$/);
    await new Promise((res) => setTimeout(res, 1700));
    const warned = sends.logsOf('wh-late').map((l) => l.text);
    assert.strictEqual(warned.filter((t) => /after the node had already answered/.test(t)).length, 1, warned.join('\n'));
    assert.deepStrictEqual(sends.logsOf('out').filter((l) => l.level <= 30), [], 'http response raised no error');
  });

  it('refuses bodies over 64 KiB (413) and other content types (415)', async function () {
    const big = await callWebhook(local('/twilio/sms'), local('/twilio/sms'), { params: { Body: 'x'.repeat(70 * 1024) }, token: TOKEN });
    assert.strictEqual(big.status, 413);
    const xml = await callWebhook(local('/twilio/sms'), local('/twilio/sms'), { params: sms, token: TOKEN, headers: { 'content-type': 'text/plain' } });
    assert.strictEqual(xml.status, 415);
    assert.strictEqual(sends.of('wh').length, 0);
  });

  it("an API-key account verifies with its optional Auth Token; without one every request is refused", async function () {
    assert.strictEqual((await callWebhook(local('/twilio/key'), local('/twilio/key'), { params: sms, token: TOKEN })).status, 200);
    assert.strictEqual((await callWebhook(local('/twilio/key-only'), local('/twilio/key-only'), { params: sms, token: TOKEN })).status, 403);
    assert.strictEqual((await callWebhook(local('/twilio/key-only'), local('/twilio/key-only'), { params: sms, token: 'key-secret' })).status, 403);
    assert.strictEqual(sends.of('wh-key-only').length, 0);
  });

  it('refused requests are counted in the status; the log says why at debug level without the signature', async function () {
    const node = nr.RED.nodes.getNode('wh');
    const shown = [];
    const status = node.status;
    node.status = (s) => { shown.push(s); return status.call(node, s); };
    const r = await callWebhook(local('/twilio/sms'), local('/twilio/sms'), { params: sms, token: 'wrong', signature: 'c2lnbmF0dXJlLXZhbHVl' });
    assert.strictEqual(r.status, 403);
    const debug = sends.logsOf('wh').filter((l) => l.level === 50).map((l) => l.text);
    assert.ok(debug.some((t) => /signature does not match/.test(t)), debug.join('\n'));
    assert.ok(!debug.join('').includes('c2lnbmF0dXJlLXZhbHVl') && !debug.join('').includes(TOKEN));
    await callWebhook(local('/twilio/sms'), local('/twilio/sms'), { params: sms, signature: null });
    node.status = status;
    // One status per refusal, counting up (earlier tests refused some already).
    assert.strictEqual(shown.length, 2);
    const counts = shown.map((x) => Number(/^refused: (\d+)$/.exec(x.text)[1]));
    assert.strictEqual(counts[1] - counts[0], 1);
    assert.ok(shown.every((x) => x.fill === 'red'));
  });

  it('a redeploy answers pending requests with empty TwiML, and a second node on the same method and path is refused', async function () {
    const pendingCall = callWebhook(local('/twilio/late'), local('/twilio/late'), { params: sms, token: TOKEN });
    while (!sends.of('wh-late').length) await new Promise((res) => setTimeout(res, 5));
    const twin = hook('wh-twin', '/twilio/sms/', {}, []);
    await deployFlows(nr, [...flows().filter((n) => n.id !== 'later' && n.id !== 'wh-late'), twin]);
    const r = await pendingCall;
    assert.strictEqual(r.status, 200);
    assert.match(r.text, /<Response\/>$/);
    assert.ok(!sends.logsOf('wh-late').some((l) => /did not answer/.test(l.text)), 'answered by close, not by the timeout');
    const errors = [...sends.logsOf('wh'), ...sends.logsOf('wh-twin')].filter((l) => l.level === 20).map((l) => l.text);
    assert.strictEqual(errors.length, 1, errors.join('\n'));
    assert.match(errors[0], /POST \/twilio\/sms is already served by another node/);
    // The first node still answers (node order decides which one holds the route).
    assert.strictEqual((await callWebhook(local('/twilio/sms'), local('/twilio/sms'), { params: sms, token: TOKEN })).status, 200);
  });
});

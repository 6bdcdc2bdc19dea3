// Checks before sending (Create/Update/Delete): every check has a passing case that reaches
// the sandbox and a failing case that is a catchable error naming the parameter and what was
// expected — with nothing sent. Also: XML and JSON documents make the same request, and
// formatted E.164 numbers are normalised.
const assert = require('assert');
const h = require('../support/harness');
const o = require('../support/outbound');

const { helper } = h;
const FROM = '+15005550006';
const TO = '+15558675310';
const CALL = 'CA' + '1'.repeat(32);
const CONF = 'CF' + '2'.repeat(32);
const sms = (extra = {}) => ({ To: TO, From: FROM, Body: 'hi', ...extra });
const urls = (n) => Array.from({ length: n }, (_, i) => `https://example.com/${i}.png`);

// [what, node type, object, {pass, fail} messages, expected code, message pattern]
const CHECKS = [
  ['a required parameter (Message To)', 'twilio-create', 'api.v2010.Messages',
    { pass: { payload: sms() }, fail: { payload: { From: FROM, Body: 'hi' } } }, 'MISSING_PARAMETER', /"To" is required by Create Message/],
  ['a required parameter that is empty (Recording Status on Update)', 'twilio-update', 'api.v2010.Calls.Recordings',
    { seed: 'recording', pass: { payload: { Status: 'paused' } }, fail: { payload: { Status: '' } } }, 'MISSING_PARAMETER', /"Status" is required.*may not be empty/],
  ['the group From / MessagingServiceSid', 'twilio-create', 'api.v2010.Messages',
    { pass: { payload: { To: TO, MessagingServiceSid: 'MG' + 'a'.repeat(32), Body: 'hi' } }, fail: { payload: { To: TO, Body: 'hi' } } },
    'MISSING_PARAMETER', /at least one of "From", "MessagingServiceSid"|at least one of.*From.*MessagingServiceSid/],
  ['the group Body / MediaUrl / ContentSid', 'twilio-create', 'api.v2010.Messages',
    { pass: { payload: { To: TO, From: FROM, ContentSid: 'HX' + 'b'.repeat(32) } }, fail: { payload: { To: TO, From: FROM, Body: '' } } },
    'MISSING_PARAMETER', /at least one of.*Body.*MediaUrl.*ContentSid/],
  ['the group Url / Twiml / ApplicationSid', 'twilio-create', 'api.v2010.Calls',
    { pass: { payload: { To: TO, From: FROM, ApplicationSid: 'AP' + 'c'.repeat(32) } }, fail: { payload: { To: TO, From: FROM } } },
    'MISSING_PARAMETER', /at least one of.*Url.*Twiml.*ApplicationSid/],
  ['the group PhoneNumber / AreaCode', 'twilio-create', 'api.v2010.IncomingPhoneNumbers',
    { pass: { payload: { AreaCode: '415' } }, fail: { payload: { FriendlyName: 'line 2' } } },
    'MISSING_PARAMETER', /at least one of.*PhoneNumber.*AreaCode/],
  ['an enum value (Call Status)', 'twilio-update', 'api.v2010.Calls',
    { seed: 'call', pass: { payload: { Status: 'completed' } }, fail: { payload: { Status: 'finished' } } },
    'INVALID_PARAMETER', /Parameter "Status" of Update Call must be one of canceled, completed; got "?finished/],
  ['an unknown parameter (a typo lists close matches)', 'twilio-create', 'api.v2010.Messages',
    { pass: { payload: sms() }, fail: { payload: { To: TO, From: FROM, Boddy: 'hi' } } },
    'UNKNOWN_PARAMETER', /"Boddy" is not a parameter of Create Message; did you mean "Body"/],
  ['an unknown parameter (wrong case)', 'twilio-update', 'api.v2010.Conferences.Participants',
    { seed: 'participant', pass: { payload: { Muted: true } }, fail: { payload: { muted: true } } },
    'UNKNOWN_PARAMETER', /"muted" is not a parameter.*"Muted"/],
  ['a boolean', 'twilio-update', 'api.v2010.Conferences.Participants',
    { seed: 'participant', pass: { payload: { Muted: 'false', Hold: true } }, fail: { payload: { Muted: 'yes' } } },
    'INVALID_PARAMETER', /"Muted".*must be true or false; got "?yes/],
  ['an integer', 'twilio-create', 'api.v2010.Messages',
    { pass: { payload: sms({ ValidityPeriod: '600' }) }, fail: { payload: sms({ ValidityPeriod: 'ten minutes' }) } },
    'INVALID_PARAMETER', /"ValidityPeriod".*must be an integer/],
  ['a single-valued parameter given an array', 'twilio-create', 'api.v2010.Messages',
    { pass: { payload: sms({ MediaUrl: 'https://example.com/one.png' }) }, fail: { payload: sms({ Body: ['a', 'b'] }) } },
    'INVALID_PARAMETER', /"Body".*takes one value; got an array of 2/],
  ['Body of at most 1,600 characters', 'twilio-create', 'api.v2010.Messages',
    { pass: { payload: sms({ Body: 'x'.repeat(1600) }) }, fail: { payload: sms({ Body: 'x'.repeat(1601) }) } },
    'INVALID_PARAMETER', /"Body".*1601 characters long; expected at most 1600/],
  ['MediaUrl of at most 10', 'twilio-create', 'api.v2010.Messages',
    { pass: { payload: sms({ MediaUrl: urls(10) }) }, fail: { payload: sms({ MediaUrl: urls(11) }) } },
    'INVALID_PARAMETER', /"MediaUrl".*at most 10 values; got 11/],
  ['XML of at most 256 KiB', 'twilio-create', 'api.v2010.Messages',
    {
      pass: { payload: `<Message><To>${TO}</To><From>${FROM}</From><Body>hi</Body><!--${' '.repeat(200 * 1024)}--></Message>` },
      fail: { payload: `<Message><To>${TO}</To><From>${FROM}</From><Body>hi</Body><!--${' '.repeat(257 * 1024)}--></Message>` },
    },
    'INVALID_XML', /bytes; the limit is 262144 bytes/],
  ['an XML root element naming the object', 'twilio-create', 'api.v2010.Messages',
    {
      pass: { payload: `<Message><To>${TO}</To><From>${FROM}</From><Body>hi</Body></Message>` },
      fail: { payload: `<Call><To>${TO}</To><From>${FROM}</From><Body>hi</Body></Call>` },
    },
    'INVALID_REQUEST', /root element is <Call>; expected <Message>/],
  ['no DOCTYPE or ENTITY in XML', 'twilio-create', 'api.v2010.Messages',
    {
      pass: { payload: `<?xml version="1.0"?><Message><To>${TO}</To><From>${FROM}</From><Body>&amp; co</Body></Message>` },
      fail: { payload: `<?xml version="1.0"?><!DOCTYPE m [<!ENTITY x "boom">]><Message><To>${TO}</To><From>${FROM}</From><Body>&x;</Body></Message>` },
    },
    'INVALID_XML', /DOCTYPE or ENTITY declaration; these are refused/],
  ['one operation per message: an array document on Create', 'twilio-create', 'api.v2010.Messages',
    { pass: { payload: sms() }, fail: { payload: [sms(), sms()] } },
    'INVALID_REQUEST', /array of 2 item\(s\).*split node/],
  ['one operation per message: an array document on Update', 'twilio-update', 'api.v2010.Calls',
    { seed: 'call', pass: { payload: { Status: 'completed' } }, fail: { payload: [{ Status: 'completed' }] } },
    'INVALID_REQUEST', /array of 1 item\(s\).*split node/],
  ['one operation per message: an array of Sids on Delete', 'twilio-delete', 'api.v2010.Calls',
    { seed: 'call', pass: {}, fail: { sid: [CALL, 'CA' + '3'.repeat(32)] } },
    'INVALID_SID_CHAIN', /array of 2.*split node/],
  ['a Create of a participant needs its ConferenceSid', 'twilio-create', 'api.v2010.Conferences.Participants',
    { pass: { sid: CONF, payload: { From: FROM, To: TO } }, fail: { sid: '', payload: { From: FROM, To: TO } } },
    'INVALID_SID_CHAIN', /ConferenceSid/],
];

describe('checks before sending (Create, Update, Delete)', function () {
  let sandbox;
  h.checkedSandboxPerSuite((sb) => { sandbox = sb; });

  function seed(kind) {
    if (kind === 'call') return sandbox.seed(h.ACCOUNT_SID, 'api.v2010.Calls', [{ sid: CALL, status: 'in-progress' }])[0].sid;
    if (kind === 'participant') return `${CONF}:${sandbox.seed(h.ACCOUNT_SID, 'api.v2010.Conferences.Participants', [{}], [CONF])[0].call_sid}`;
    if (kind === 'recording') return `${CALL}:${sandbox.seed(h.ACCOUNT_SID, 'api.v2010.Calls.Recordings', [{}], [CALL])[0].sid}`;
    return '';
  }

  for (const [what, type, object, cases, code, pattern] of CHECKS) {
    it(`${what}: passes, and fails catchably with nothing sent`, async function () {
      const sid = seed(cases.seed);
      await h.load(o.actionFlow(sandbox, type, { object, sid: 'sid', sidType: 'msg' }));
      const failed = await o.outcome(helper, { sid, ...cases.fail });
      assert.ok(failed.error, `expected an error, got ${String(JSON.stringify(failed.out && failed.out.payload)).slice(0, 200)}`);
      assert.strictEqual(failed.error.code, code, failed.error.message);
      assert.match(failed.error.message, pattern);
      assert.deepStrictEqual(sandbox.log, [], 'nothing was sent');

      const passed = await o.outcome(helper, { sid, ...cases.pass });
      assert.ok(passed.out, passed.error && `${passed.error.code}: ${passed.error.message}`);
      assert.strictEqual(sandbox.log.length, 1);
      assert.ok(sandbox.log[0].status < 300, `sandbox answered ${sandbox.log[0].status}`);
    });
  }

  it('the error output never takes a failed check: it is always a catchable error', async function () {
    await h.load(o.actionFlow(sandbox, 'twilio-create', { object: 'api.v2010.Messages', errorOutput: true }));
    const second = h.collectUntilQuiet(helper.getNode('err'), 400);
    const r = await o.outcome(helper, { payload: { To: TO, From: FROM, Bdy: 'x' } });
    assert.strictEqual(r.error.code, 'UNKNOWN_PARAMETER');
    assert.deepStrictEqual(await second, []);
  });

  describe('XML and JSON request documents make the same request', function () {
    const PAIRS = [
      ['an MMS with repeated MediaUrl', 'twilio-create', 'api.v2010.Messages', '',
        { To: TO, From: FROM, Body: 'a & b <c>', MediaUrl: ['https://example.com/1.png', 'https://example.com/2.png'] },
        `<Message><To>${TO}</To><From>${FROM}</From><Body>a &amp; b &lt;c&gt;</Body><MediaUrl>https://example.com/1.png</MediaUrl><MediaUrl>https://example.com/2.png</MediaUrl></Message>`],
      ['a call with TwiML in CDATA', 'twilio-create', 'api.v2010.Calls', '',
        { To: TO, From: FROM, Twiml: '<Response><Say>Hi</Say></Response>', Record: true, Timeout: 30 },
        Buffer.from(`<Call><To>${TO}</To><From>${FROM}</From><Twiml><![CDATA[<Response><Say>Hi</Say></Response>]]></Twiml><Record>true</Record><Timeout>30</Timeout></Call>`)],
      ['a participant update (booleans), wrapped in TwilioResponse', 'twilio-update', 'api.v2010.Conferences.Participants', 'participant',
        { Muted: true, Hold: false, AnnounceUrl: 'https://example.com/a' },
        '<TwilioResponse><Participant><Muted>true</Muted><Hold>false</Hold><AnnounceUrl>https://example.com/a</AnnounceUrl></Participant></TwilioResponse>'],
    ];
    for (const [what, type, object, seedKind, json, xml] of PAIRS) {
      it(what, async function () {
        const sid = seed(seedKind);
        await h.load(o.actionFlow(sandbox, type, { object, sid: 'sid', sidType: 'msg' }));
        const a = await o.outcome(helper, { sid, payload: json });
        const b = await o.outcome(helper, { sid, payload: xml });
        assert.ok(a.out && b.out, JSON.stringify([a.error, b.error]));
        assert.strictEqual(sandbox.log.length, 2);
        assert.deepStrictEqual(sandbox.log[1].form, sandbox.log[0].form);
        assert.strictEqual(sandbox.log[1].rawBody, sandbox.log[0].rawBody);
        assert.strictEqual(sandbox.log[1].path, sandbox.log[0].path);
      });
    }
  });

  describe('phone numbers', function () {
    it('formatted E.164 is normalised in To/From of Messages, Calls and Participants and in phone-number parameters', async function () {
      const flow = [h.account(sandbox), { id: 'out', type: 'helper' }, { id: 'caught', type: 'helper' },
        { id: 'catcher', type: 'catch', scope: null, uncaught: false, wires: [['caught']] }];
      const nodes = [
        ['api.v2010.Messages', '', { To: '+1 (555) 867-5310', From: '+1 500.555.0006', Body: 'x' }],
        ['api.v2010.Calls', '', { To: '+1 (555) 867-5310', From: '+1-500-555-0006', Url: 'https://example.com/t' }],
        ['api.v2010.Conferences.Participants', CONF, { To: '+44 20 7946 0958', From: '+1 (500) 555-0006' }],
        ['api.v2010.IncomingPhoneNumbers', '', { PhoneNumber: '+1 (555) 867-5310' }],
      ];
      nodes.forEach(([object], i) => flow.push({ id: `n${i}`, type: 'twilio-create', account: 'acc', object, sid: 'sid', sidType: 'msg', request: 'payload', requestType: 'msg', params: [], wires: [['out']] }));
      await h.load(flow);
      const outs = h.receive(helper.getNode('out'), nodes.length);
      nodes.forEach(([, sid, payload], i) => helper.getNode(`n${i}`).receive({ sid, payload }));
      await outs;
      const sent = (suffix) => sandbox.log.find((e) => e.path.endsWith(suffix)).form;
      assert.deepStrictEqual([sent('/Messages.json').To, sent('/Messages.json').From], ['+15558675310', '+15005550006']);
      assert.deepStrictEqual([sent('/Calls.json').To, sent('/Calls.json').From], ['+15558675310', '+15005550006']);
      assert.deepStrictEqual([sent('/Participants.json').To, sent('/Participants.json').From], ['+442079460958', '+15005550006']);
      assert.strictEqual(sent('/IncomingPhoneNumbers.json').PhoneNumber, '+15558675310');
    });

    it('other address forms pass through untouched: client:, sip:, whatsapp:, short codes, alphanumeric senders', async function () {
      await h.load(o.actionFlow(sandbox, 'twilio-create', { object: 'api.v2010.Calls' }));
      const forms = [['client:alice_desk', FROM], ['sip:bob@example.com;transport=tls', FROM], ['whatsapp:+15558675310', 'whatsapp:+15005550006']];
      for (const [to, from] of forms) {
        const r = await o.outcome(helper, { payload: { To: to, From: from, Url: 'https://example.com/t' } });
        assert.ok(r.out, r.error && r.error.message);
      }
      assert.deepStrictEqual(sandbox.log.map((e) => [e.form.To, e.form.From]), forms);
      await helper.unload();
      sandbox.clearLog();
      await h.load(o.actionFlow(sandbox, 'twilio-create', { object: 'api.v2010.Messages' }));
      // short codes and sender ids where the catalog says the parameter takes them (Message From)
      await o.outcome(helper, { payload: { To: TO, From: 'MyBrand', Body: 'x' } });
      await o.outcome(helper, { payload: { To: TO, From: '12345', Body: 'x' } });
      assert.deepStrictEqual(sandbox.log.map((e) => e.form.From), ['MyBrand', '12345']);
    });
  });
});

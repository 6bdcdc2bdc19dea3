// The bad-input battery (docs/reliability.md): each row is a message a flow might send that
// must end with the project's error — the right code, a text naming the field at fault —
// with nothing sent to the sandbox and the event loop never held for 200 ms.
'use strict';
const assert = require('assert');
const { monitorEventLoopDelay } = require('perf_hooks');
const h = require('../support/harness');
const o = require('../support/outbound');

const { helper } = h;
const TO = '+15558675310';
const FROM = '+15005550006';
const CA = 'CA' + 'a'.repeat(32);
const MAX_DELAY_MS = 200;
const BIG = 4 * 1024 * 1024;

const create = (payload, props = {}) => ({ type: 'twilio-create', object: 'api.v2010.Messages', props, msg: { payload } });
const createRow = (name, value, valueType = 'str', extra = {}) => create(
  { To: TO, From: FROM, ...(name === 'Body' ? {} : { Body: 'hi' }), ...extra }, { params: [{ name, value, valueType }] });
const withDoc = (over) => create({ To: TO, From: FROM, Body: 'hi', ...over });
const getCall = (sid, sidType = 'msg', msgExtra = {}) => ({
  type: 'twilio-get', object: 'api.v2010.Calls', props: { sid: sidType === 'msg' ? 'sid' : sid, sidType },
  msg: { sid, payload: 1, ...msgExtra },
});
const query = (filters, msgExtra = {}, object = 'api.v2010.Messages') => ({
  type: 'twilio-query', object, props: { filters, outputMode: 'record', limit: 0, pageSize: 50 }, msg: { payload: 1, ...msgExtra },
});
const filter = (field, value, valueType = 'str', op = 'eq') => [{ field, op, value, valueType }];
const circular = () => { const a = { x: 1 }; a.self = a; return a; };
const xml = (s) => create(s);

/** [name, case, error code, what the message must name] */
const CASES = [
  // 1. XML documents must be complete
  ['XML cut inside a text', xml(`<Message><To>${TO}</To><From>${FROM}</From><Body>Your code is 12`), 'INVALID_XML', /<Body>|not closed/],
  ['XML root left open', xml(`<Message><To>${TO}</To><From>${FROM}</From><Body>hi</Body>`), 'INVALID_XML', /<Message>/],
  ['XML cut inside a closing tag', xml(`<Message><To>${TO}</To><From>${FROM}</From><Body>hi</Body></Mess`), 'INVALID_XML', /<Message>/],
  ['XML cut inside an opening tag', xml(`<Message><To>${TO}</To><Bo`), 'INVALID_XML', /<Message>/],
  ['XML with two roots', xml(`<Message><To>${TO}</To></Message><Message/>`), 'INVALID_XML', /2 root/],
  ['XML with a DOCTYPE', xml('<!DOCTYPE x [<!ENTITY a "b">]><Message/>'), 'INVALID_XML', /DOCTYPE/],
  ['XML text after the root', xml(`<Message><To>${TO}</To></Message>junk`), 'INVALID_XML', /not well-formed/],
  ['XML with a mismatched end tag', xml(`<Message><To>${TO}</From></Message>`), 'INVALID_XML', /not well-formed/],
  ['XML nested 40 deep', xml(`<Message><ContentVariables>${'<a>'.repeat(40)}x${'</a>'.repeat(40)}</ContentVariables></Message>`), 'INVALID_XML', /nests/],
  ['XML over 256 KiB', xml(`<Message><Body>${'x'.repeat(300 * 1024)}</Body></Message>`), 'INVALID_XML', /bytes/],
  ['XML with the wrong root', xml(`<Call><To>${TO}</To></Call>`), 'INVALID_REQUEST', /<Call>/],
  // (a Message takes any other text as its Body: node-red-node-twilio's habit; a Call has no text parameter)
  ['text that is not XML', { ...create('To=+1555'), object: 'api.v2010.Calls' }, 'INVALID_REQUEST', /request document|XML/i],
  ['a document that is an array', create([{ To: TO }]), 'INVALID_REQUEST', /array/],
  ['a document that is a number', create(42), 'INVALID_REQUEST', /42/],
  // 3. size never drives the work
  ['a 4 MB unknown key', withDoc({ ['B' + 'o'.repeat(BIG)]: 'x' }), 'UNKNOWN_PARAMETER', /Parameter "Booo/],
  ['a 65-character unknown key', withDoc({ ['Bodyy' + 'x'.repeat(60)]: 'x' }), 'UNKNOWN_PARAMETER', /Bodyy/],
  ['a 120 KB XML element name', xml(`<Message><${'a'.repeat(120000)}>x</${'a'.repeat(120000)}></Message>`), 'INVALID_XML', /element name longer than 256/],
  ['a 65-character XML element name', xml(`<Message><To>${TO}</To><${'b'.repeat(65)}>x</${'b'.repeat(65)}></Message>`), 'UNKNOWN_PARAMETER', /Parameter "bbb/],
  ['12,000 XML elements', xml(`<Message>${'<To>x</To>'.repeat(12000)}</Message>`), 'INVALID_XML', /more than 2000 tags/],
  ['a 4 MB Sid', getCall('C'.repeat(BIG)), 'INVALID_SID_CHAIN', /CallSid/],
  ['a Sid of 1 M colons', getCall(':'.repeat(1024 * 1024)), 'INVALID_SID_CHAIN', /Sid chain/],
  ['a 4 MB filter name', query(filter('D'.repeat(BIG), 'x')), 'INVALID_FILTER', /Filter "DDD|"DDD/],
  ['a 4 MB resume URI', query([], { nextPageUri: '/' + 'x'.repeat(BIG) }), 'INVALID_REQUEST', /xxx/],
  ['a 4 MB Body', withDoc({ Body: 'x'.repeat(BIG) }), 'INVALID_PARAMETER', /Body/],
  // 8. dates within years 1970–9999, numbers, Dates and text alike
  ['SendAt = 1e20', withDoc({ SendAt: 1e20 }), 'INVALID_DATE', /SendAt/],
  ['SendAt = -1e15', withDoc({ SendAt: -1e15 }), 'INVALID_DATE', /SendAt/],
  ['SendAt = 253402300800000 (year 10000)', withDoc({ SendAt: 253402300800000 }), 'INVALID_DATE', /SendAt/],
  ['SendAt = -1 (1969)', withDoc({ SendAt: -1 }), 'INVALID_DATE', /SendAt/],
  ['SendAt = an invalid Date', withDoc({ SendAt: new Date(NaN) }), 'INVALID_DATE', /SendAt/],
  ['SendAt = a Date in year 10000', withDoc({ SendAt: new Date(253402300800000) }), 'INVALID_DATE', /SendAt/],
  ['SendAt = a Date in 1969', withDoc({ SendAt: new Date(-86400000) }), 'INVALID_DATE', /SendAt/],
  ['SendAt = "1969-12-31"', withDoc({ SendAt: '1969-12-31' }), 'INVALID_DATE', /SendAt/],
  ['SendAt = "1e20"', withDoc({ SendAt: '1e20' }), 'INVALID_DATE', /SendAt/],
  ['SendAt = 100000000000000000000 as text', withDoc({ SendAt: '100000000000000000000' }), 'INVALID_DATE', /SendAt/],
  ['SendAt = a 10 MB digit string', withDoc({ SendAt: '1'.repeat(10 * 1024 * 1024) }), 'INVALID_DATE', /SendAt/],
  ['SendAt = "not a date"', withDoc({ SendAt: 'not a date' }), 'INVALID_DATE', /SendAt/],
  ['SendAt = Infinity', withDoc({ SendAt: Infinity }), 'INVALID_DATE', /SendAt/],
  ['SendAt row = 1e20 (num)', createRow('SendAt', '1e20', 'num'), 'INVALID_DATE', /SendAt/],
  ['filter DateSent = 1e20', query(filter('DateSent', '1e20', 'num')), 'INVALID_DATE', /DateSent/],
  ['filter DateSent = -1e15', query(filter('DateSent', '-1e15', 'num', 'before')), 'INVALID_DATE', /DateSent/],
  ['filter DateSent = 253402300800000', query(filter('DateSent', '253402300800000', 'num', 'after')), 'INVALID_DATE', /DateSent/],
  ['filter DateSent = a 10 MB digit string', query(filter('DateSent', 'big', 'msg'), { big: '9'.repeat(10 * 1024 * 1024) }), 'INVALID_DATE', /DateSent/],
  ['filter StartTime = a Date in 1969', query(filter('StartTime', 'start', 'msg'), { start: new Date(-1) }, 'api.v2010.Calls'), 'INVALID_DATE', /StartTime/],
  // 9. errors name the field and the problem
  ['a failing JSONata Sid', { ...getCall('$error("no sid")', 'jsonata') }, 'INVALID_SID_CHAIN', /Sid chain: the JSONata expression failed: no sid/],
  ['a JSONata Sid with a syntax error', { ...getCall('$$$(', 'jsonata') }, 'INVALID_SID_CHAIN', /Sid chain: the JSONata expression failed/],
  ['a failing JSONata parameter', createRow('Body', '$error("no body")', 'jsonata'), 'INVALID_PARAMETER', /Parameter "Body".*JSONata expression failed: no body/],
  ['a failing JSONata filter', query(filter('DateSent', '$error("no date")', 'jsonata')), 'INVALID_FILTER', /Filter "DateSent".*JSONata expression failed: no date/],
  ['a failing JSONata request document', { ...create(null, { request: '$error("no doc")', requestType: 'jsonata' }) }, 'INVALID_REQUEST', /request document: the JSONata expression failed: no doc/],
  ['a circular ContentVariables', withDoc({ ContentVariables: circular() }), 'INVALID_PARAMETER', /ContentVariables.*circular/],
  ['a BigInt ContentVariables', withDoc({ ContentVariables: { n: 1n } }), 'INVALID_PARAMETER', /ContentVariables/],
  ['a Body that is an object', withDoc({ Body: { a: 1 } }), 'INVALID_PARAMETER', /Body/],
  ['ValidityPeriod = "abc"', withDoc({ ValidityPeriod: 'abc' }), 'INVALID_PARAMETER', /ValidityPeriod/],
  ['ProvideFeedback = "maybe"', withDoc({ ProvideFeedback: 'maybe' }), 'INVALID_PARAMETER', /ProvideFeedback/],
  ['ContentRetention not in its enum', withDoc({ ContentRetention: 'forever' }), 'INVALID_PARAMETER', /ContentRetention/],
  ['11 MediaUrl', withDoc({ MediaUrl: Array.from({ length: 11 }, (_, i) => `https://x.test/${i}.png`) }), 'INVALID_PARAMETER', /MediaUrl/],
  ['To missing', create({ From: FROM, Body: 'hi' }), 'MISSING_PARAMETER', /To/],
  ['a Sid of the wrong kind', getCall('SM' + 'a'.repeat(32)), 'INVALID_SID_CHAIN', /CallSid|Sid/],
  ['a Sid with a path segment', getCall('../../Accounts'), 'INVALID_SID_CHAIN', /Sid/],
  ['a Sid that is an object', getCall({ sid: CA }), 'INVALID_SID_CHAIN', /Sid chain/],
  ['an empty Sid', getCall(''), 'INVALID_SID_CHAIN', /Sid/],
  ['a bad Account Sid prefix', getCall('ACnope:' + CA), 'INVALID_SID_CHAIN', /ACnope/],
  ['an unknown filter', query(filter('DateSnet', '2024-01-01')), 'INVALID_FILTER', /DateSnet.*DateSent/],
  ['a filter with no value', query(filter('To', '')), 'INVALID_FILTER', /To/],
  ['before on a filter that is not a date', query(filter('To', TO, 'str', 'before')), 'INVALID_FILTER', /To/],
  ['the same filter twice', query([...filter('To', TO), ...filter('To', FROM)]), 'INVALID_FILTER', /To/],
  ['a resume URI of another list', query([], { nextPageUri: '/2010-04-01/Accounts/AC' + '0'.repeat(32) + '/Calls.json?Page=1' }), 'INVALID_REQUEST', /Calls\.json/],
  ['Update Call Status not in its enum', { type: 'twilio-update', object: 'api.v2010.Calls', props: { sid: 'sid', sidType: 'msg' }, msg: { sid: CA, payload: { Status: 'done' } } }, 'INVALID_PARAMETER', /Status/],
  ['Update Call TimeLimit = "x"', { type: 'twilio-update', object: 'api.v2010.Calls', props: { sid: 'sid', sidType: 'msg' }, msg: { sid: CA, payload: { TimeLimit: 'x' } } }, 'INVALID_PARAMETER', /TimeLimit/],
  ['Delete with a bad Sid', { type: 'twilio-delete', object: 'api.v2010.Calls', props: { sid: 'sid', sidType: 'msg' }, msg: { sid: 'CAxyz' } }, 'INVALID_SID_CHAIN', /Sid/],
  // 10. every unknown name is refused the same way
  ['a JSON key __proto__', create(JSON.parse(`{"To":"${TO}","From":"${FROM}","__proto__":{"Body":"x"}}`)), 'UNKNOWN_PARAMETER', /"__proto__"/],
  ['a key constructor', withDoc({ constructor: 'x' }), 'UNKNOWN_PARAMETER', /"constructor"/],
  ['an XML element <__proto__>', xml(`<Message><To>${TO}</To><From>${FROM}</From><__proto__>x</__proto__></Message>`), 'UNKNOWN_PARAMETER', /"__proto__"/],
  ['a parameter row __proto__', createRow('__proto__', 'x'), 'UNKNOWN_PARAMETER', /"__proto__"/],
  ['a parameter row constructor', createRow('constructor', 'x'), 'UNKNOWN_PARAMETER', /"constructor"/],
  ['a parameter row hasOwnProperty', createRow('hasOwnProperty', 'x'), 'UNKNOWN_PARAMETER', /"hasOwnProperty"/],
  ['a parameter row toString', createRow('toString', 'x'), 'UNKNOWN_PARAMETER', /"toString"/],
  ['a filter __proto__', query(filter('__proto__', 'x')), 'INVALID_FILTER', /"__proto__"/],
  ['a filter constructor', query(filter('constructor', 'x')), 'INVALID_FILTER', /"constructor"/],
];

describe('reliability: bad-input battery', function () {
  this.timeout(60000);
  let sandbox;
  const counts = { cases: 0, passed: 0, maxDelayMs: 0 };
  before(async function () {
    sandbox = await h.startSandbox({ port: 0 });
    await new Promise((r) => helper.startServer(r));
  });
  after(async function () {
    await new Promise((r) => helper.stopServer(r));
    await sandbox.close();
    console.log(`      bad-input battery: ${counts.passed}/${counts.cases} cases, worst event-loop delay ${counts.maxDelayMs.toFixed(0)} ms`);
  });
  afterEach(async function () { await helper.unload(); });

  it('has at least 60 cases', function () { assert.ok(CASES.length >= 60, `${CASES.length} cases`); });

  for (const [name, c, code, names] of CASES) {
    it(`${name} → ${code}`, async function () {
      counts.cases++;
      sandbox.reset();
      await h.load(o.actionFlow(sandbox, c.type, { object: c.object, ...c.props }));
      const monitor = monitorEventLoopDelay({ resolution: 10 });
      monitor.enable();
      const result = await o.outcome(helper, c.msg, 'node', 20000);
      // a block just before the outcome is only sampled when the monitor's timer next fires
      await new Promise((r) => setTimeout(r, 30));
      monitor.disable();
      const delayMs = monitor.max / 1e6;
      counts.maxDelayMs = Math.max(counts.maxDelayMs, delayMs);
      assert.ok(result.error, `expected an error, got output ${String(JSON.stringify(result.out)).slice(0, 300)}`);
      assert.strictEqual(result.error.code, code, result.error.message.slice(0, 300));
      assert.match(result.error.message, names);
      assert.ok(result.error.message.length < 1500, `error text of ${result.error.message.length} characters`);
      assert.deepStrictEqual(sandbox.log, [], 'nothing reaches Twilio');
      assert.ok(delayMs < MAX_DELAY_MS, `event loop held ${delayMs.toFixed(0)} ms`);
      counts.passed++;
    });
  }
});

'use strict';
const assert = require('assert');
const { findOperation, schemaOf } = require('../../../dist/nodes/catalog/catalog');
const { parseRequestDocument, buildFormParams, MAX_XML_BYTES } = require('../../../dist/nodes/request/request-document');

const op = (id, action) => findOperation(id, action);
const MG = 'MG' + '0'.repeat(32);
const CA = 'CA' + '0'.repeat(32);

function throwsWith(fn, code, message) {
  assert.throws(fn, (err) => {
    assert.strictEqual(err.name, 'TwilioNodeError');
    assert.strictEqual(err.code, code);
    if (message instanceof RegExp) assert.match(err.message, message);
    else assert.strictEqual(err.message, message);
    return true;
  });
}

describe('lib/request-document', function () {
  describe('parseRequestDocument', function () {
    const ok = [
      ['undefined', undefined, {}],
      ['null', null, {}],
      ['an object, as is', { To: '+1', MediaUrl: ['a', 'b'] }, { To: '+1', MediaUrl: ['a', 'b'] }],
      ['XML: children are parameters',
        '<?xml version="1.0"?><Message><To>+13115556789</To><From>+15005550006</From><Body>Hi &amp; bye &lt;3</Body></Message>',
        { To: '+13115556789', From: '+15005550006', Body: 'Hi & bye <3' }],
      ['XML: repeated elements are arrays; a single one is a scalar',
        '<Message><MediaUrl>a</MediaUrl><MediaUrl>b</MediaUrl><MediaUrl>c</MediaUrl><To>x</To></Message>',
        { MediaUrl: ['a', 'b', 'c'], To: 'x' }],
      ['XML: an empty element is an empty string, nil is null, whitespace is kept, CDATA is text',
        '<Message><Body/><From nil="true"/><To> +1 </To><StatusCallback><![CDATA[https://x/?a=1&b=2]]></StatusCallback></Message>',
        { Body: '', From: null, To: ' +1 ', StatusCallback: 'https://x/?a=1&b=2' }],
      ['XML: any root name is accepted; a TwilioResponse wrapper is unwrapped',
        '<TwilioResponse><Call><Twiml>&lt;Response&gt;&lt;Say&gt;Hi&lt;/Say&gt;&lt;/Response&gt;</Twiml></Call></TwilioResponse>',
        { Twiml: '<Response><Say>Hi</Say></Response>' }],
      ['XML: nested elements become an object (JSON parameters)',
        '<Message><ContentVariables><a1>x</a1><b>y</b></ContentVariables></Message>',
        { ContentVariables: { a1: 'x', b: 'y' } }],
      ['XML in a Buffer, with a BOM', Buffer.from('\ufeff<Message><Body>héllo</Body></Message>', 'utf8'), { Body: 'héllo' }],
    ];
    for (const [title, doc, expected] of ok) {
      it(title, function () {
        assert.deepStrictEqual(parseRequestDocument(doc), expected);
      });
    }

    it('checks the root element when the catalog element is given', function () {
      assert.deepStrictEqual(parseRequestDocument('<Message><To>x</To></Message>', { element: 'Message' }), { To: 'x' });
      throwsWith(() => parseRequestDocument('<Call><To>x</To></Call>', { element: 'Message' }), 'INVALID_REQUEST',
        "The XML request document's root element is <Call>; expected <Message>");
    });

    it('keeps __proto__ an ordinary key (reported later as unknown)', function () {
      const doc = parseRequestDocument('<Message><__proto__>x</__proto__></Message>');
      assert.strictEqual(Object.getPrototypeOf(doc), Object.prototype);
      assert.deepStrictEqual(Object.keys(doc), ['__proto__']);
    });

    const bad = [
      ['an array (one message = one operation)', [{ To: 'a' }, { To: 'b' }], 'INVALID_REQUEST',
        'The request document is an array of 2 item(s); one message is one operation (never done in bulk): put a split node before this node'],
      ['a number', 42, 'INVALID_REQUEST',
        'The request document must be an object of Twilio parameter names or an XML document (string or Buffer); got 42'],
      ['a Date', new Date(0), 'INVALID_REQUEST',
        'The request document must be an object of Twilio parameter names or an XML document (string or Buffer); got Date 1970-01-01T00:00:00.000Z'],
      ['text that is not XML', '{"To":"+1"}', 'INVALID_REQUEST',
        "The request document is text but not XML (it does not start with '<'); expected an object of Twilio parameter names or an XML document. A JSON string needs a json node first"],
      ['a DOCTYPE', '<!DOCTYPE Message><Message/>', 'INVALID_XML',
        'The XML request document holds a DOCTYPE or ENTITY declaration; these are refused (never expanded)'],
      ['entity declarations (billion laughs)', '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><Message><Body>&lol2;</Body></Message>', 'INVALID_XML',
        'The XML request document holds a DOCTYPE or ENTITY declaration; these are refused (never expanded)'],
      ['an undeclared entity', '<Message><Body>&foo;</Body></Message>', 'INVALID_XML', /^The XML request document is not well-formed XML: /],
      ['malformed XML', '<Message><To></Message>', 'INVALID_XML',
        'The XML request document is not well-formed XML: Unexpected close tag, Line: 0, Column: 23, Char: >'],
      ['two root elements', '<Message/><Message/>', 'INVALID_XML',
        'The XML request document has 2 root elements; expected one element for the record'],
      ['more than 256 KiB', '<Message><Body>' + 'x'.repeat(MAX_XML_BYTES) + '</Body></Message>', 'INVALID_XML',
        `The XML request document is ${MAX_XML_BYTES + 32} bytes; the limit is 262144 bytes (256 KiB)`],
      ['a Buffer of more than 256 KiB', Buffer.alloc(MAX_XML_BYTES + 1, 32), 'INVALID_XML',
        'The XML request document is 262145 bytes; the limit is 262144 bytes (256 KiB)'],
    ];
    for (const [title, doc, code, message] of bad) {
      it(`refuses ${title}`, function () {
        throwsWith(() => parseRequestDocument(doc), code, message);
      });
    }
  });

  describe('buildFormParams', function () {
    const ok = [
      ['an SMS: phone numbers normalised', 'api.v2010.Messages', 'create',
        { To: '+1 (311) 555-6789', From: '+1 500 555 0006', Body: 'Hello' }, {},
        { To: '+13115556789', From: '+15005550006', Body: 'Hello' }],
      ['the document wins; static parameters fill what it leaves out (null counts as left out)', 'api.v2010.Messages', 'create',
        { To: '+13115556789', Body: 'from the document', From: null }, { Body: 'static', From: '+15005550006', StatusCallback: 'https://example.com/cb' },
        { To: '+13115556789', StatusCallback: 'https://example.com/cb', Body: 'from the document', From: '+15005550006' }],
      ['a WhatsApp MMS: repeated MediaUrl, a single MediaUrl becomes an array', 'api.v2010.Messages', 'create',
        { To: 'whatsapp:+1 311 555 6789', MessagingServiceSid: MG, MediaUrl: 'https://example.com/a.png' }, {},
        { To: 'whatsapp:+13115556789', MessagingServiceSid: MG, MediaUrl: ['https://example.com/a.png'] }],
      ['types: booleans, integers, date-time, JSON objects for JSON text', 'api.v2010.Messages', 'create',
        { To: '+13115556789', From: 'MyBrand', ContentSid: 'HX' + '0'.repeat(32), ContentVariables: { 1: 'Ada' }, SmartEncoded: true, ProvideFeedback: 'false', ValidityPeriod: '600', Attempt: 2, SendAt: '2024-05-01 10:00:00', ScheduleType: 'fixed' }, {},
        { To: '+13115556789', From: 'MyBrand', ValidityPeriod: '600', SmartEncoded: 'true', ScheduleType: 'fixed', SendAt: '2024-05-01T10:00:00Z', ContentSid: 'HX' + '0'.repeat(32), ContentVariables: '{"1":"Ada"}', Attempt: '2', ProvideFeedback: 'false' }],
      ['a call with TwiML; client: and sip: addresses untouched', 'api.v2010.Calls', 'create',
        { To: 'client:alice', From: '+1 500 555 0006', Twiml: '<Response><Say>Hi</Say></Response>' }, {},
        { To: 'client:alice', From: '+15005550006', Twiml: '<Response><Say>Hi</Say></Response>' }],
      ['redacting a message: an empty Body is sent', 'api.v2010.Messages', 'update', { Body: '' }, {}, { Body: '' }],
      ['clearing a Sid parameter with an empty string skips its pattern', 'api.v2010.IncomingPhoneNumbers', 'update',
        { SmsApplicationSid: '' }, {}, { SmsApplicationSid: '' }],
      ['muting a participant from static parameters only', 'api.v2010.Conferences.Participants', 'update', {}, { Muted: 'true', Hold: false },
        { Muted: 'true', Hold: 'false' }],
      ['closing a subaccount', 'api.v2010.Accounts', 'update', { Status: 'closed' }, {}, { Status: 'closed' }],
      ['a subaccount with no parameters', 'api.v2010.Accounts', 'create', {}, {}, {}],
      ['an incoming number by AreaCode (conditional group)', 'api.v2010.IncomingPhoneNumbers', 'create', { AreaCode: '510' }, {}, { AreaCode: '510' }],
      ['a 1600-character Body (emoji count once)', 'api.v2010.Messages', 'update', { Body: '😀'.repeat(1600) }, {}, { Body: '😀'.repeat(1600) }],
    ];
    for (const [title, id, action, doc, statics, expected] of ok) {
      it(title, function () {
        const out = buildFormParams(op(id, action), doc, statics);
        assert.deepStrictEqual(out, expected);
        const order = op(id, action).params.map((p) => p.name).filter((n) => n in out);
        assert.deepStrictEqual(Object.keys(out), order, 'catalog order');
      });
    }

    it('an XML document and the same JSON document give the same form', function () {
      const xml = '<Message><To>+1 311 555 6789</To><From>+15005550006</From><MediaUrl>https://e.com/1.png</MediaUrl><MediaUrl>https://e.com/2.png</MediaUrl><Body>Hi</Body></Message>';
      const json = { To: '+1 311 555 6789', From: '+15005550006', MediaUrl: ['https://e.com/1.png', 'https://e.com/2.png'], Body: 'Hi' };
      const create = op('api.v2010.Messages', 'create');
      assert.deepStrictEqual(buildFormParams(create, parseRequestDocument(xml), {}), buildFormParams(create, json, {}));
    });

    const bad = [
      ['a typo, with the close match', 'api.v2010.Calls', 'update', { Stauts: 'completed' }, {}, 'UNKNOWN_PARAMETER',
        'Parameter "Stauts" is not a parameter of Update Call; did you mean "Status"?'],
      ['a case-only mismatch', 'api.v2010.Messages', 'create', { To: '+1', body: 'x' }, {}, 'UNKNOWN_PARAMETER',
        'Parameter "body" is not a parameter of Create Message; did you mean "Body"? Names are case-sensitive'],
      ['an unknown static parameter', 'api.v2010.Accounts', 'update', {}, { Name: 'x' }, 'UNKNOWN_PARAMETER',
        'Parameter "Name" is not a parameter of Update Account; did you mean "FriendlyName"?'],
      ['an unknown name with nothing close', 'api.v2010.Accounts', 'update', { Colour: 'x' }, {}, 'UNKNOWN_PARAMETER',
        'Parameter "Colour" is not a parameter of Update Account; expected one of: FriendlyName, Status'],
      ['an unknown name from XML (__proto__)', 'api.v2010.Accounts', 'update', parseRequestDocument('<Account><__proto__>x</__proto__></Account>'), {}, 'UNKNOWN_PARAMETER',
        'Parameter "__proto__" is not a parameter of Update Account; expected one of: FriendlyName, Status'],
      ['a missing required parameter', 'api.v2010.Messages', 'create', { From: '+15005550006', Body: 'x' }, {}, 'MISSING_PARAMETER',
        'Parameter "To" is required by Create Message'],
      ['an empty required parameter', 'api.v2010.Messages', 'create', { To: '', From: '+15005550006', Body: 'x' }, {}, 'MISSING_PARAMETER',
        'Parameter "To" is required by Create Message and may not be empty'],
      ['no sender (From or MessagingServiceSid)', 'api.v2010.Messages', 'create', { To: '+13115556789', Body: 'x' }, {}, 'MISSING_PARAMETER',
        'Create Message needs at least one of "From" or "MessagingServiceSid"'],
      ['no content (an empty Body does not count)', 'api.v2010.Messages', 'create', { To: '+13115556789', From: '+15005550006', Body: '' }, {}, 'MISSING_PARAMETER',
        'Create Message needs at least one of "Body", "MediaUrl" or "ContentSid"'],
      ['a call without Url, Twiml or ApplicationSid', 'api.v2010.Calls', 'create', { To: '+13115556789', From: '+15005550006' }, {}, 'MISSING_PARAMETER',
        'Create Call needs at least one of "Url", "Twiml" or "ApplicationSid"'],
      ['an incoming number without PhoneNumber or AreaCode', 'api.v2010.IncomingPhoneNumbers', 'create', { FriendlyName: 'x' }, {}, 'MISSING_PARAMETER',
        'Create Incoming Phone Number needs at least one of "PhoneNumber" or "AreaCode"'],
      ['a value outside the enum', 'api.v2010.Calls', 'update', { Status: 'ended' }, {}, 'INVALID_PARAMETER',
        'Parameter "Status" of Update Call must be one of canceled, completed; got "ended"'],
      ['a boolean that is not true/false', 'api.v2010.Conferences.Participants', 'update', { Muted: 'yes' }, {}, 'INVALID_PARAMETER',
        'Parameter "Muted" of Update Participant must be true or false; got "yes"'],
      ['1 is not a boolean', 'api.v2010.Conferences.Participants', 'update', { Muted: 1 }, {}, 'INVALID_PARAMETER',
        'Parameter "Muted" of Update Participant must be true or false; got 1'],
      ['a fraction for an integer', 'api.v2010.Calls', 'update', { TimeLimit: 1.5 }, {}, 'INVALID_PARAMETER',
        'Parameter "TimeLimit" of Update Call must be an integer; got 1.5'],
      ['a Sid that does not match its pattern', 'api.v2010.Conferences.Participants', 'update', { CallSidToCoach: 'CA123' }, {}, 'INVALID_PARAMETER',
        'Parameter "CallSidToCoach" of Update Participant must match ^CA[0-9a-fA-F]{32}$; got "CA123"'],
      ['a Body over 1600 characters', 'api.v2010.Messages', 'create', { To: '+15558675310', From: '+15558675310', Body: 'x'.repeat(1601) }, {}, 'INVALID_PARAMETER',
        'Parameter "Body" of Create Message is 1601 characters long; expected at most 1600'],
      ['more than 10 MediaUrl', 'api.v2010.Messages', 'create', { To: '+15558675310', From: '+15558675310', MediaUrl: Array.from({ length: 11 }, (_, i) => `https://e.com/${i}.png`) }, {}, 'INVALID_PARAMETER',
        'Parameter "MediaUrl" of Create Message takes at most 10 values; got 11'],
      ['an array for a single parameter', 'api.v2010.Messages', 'create', { To: ['+15558675310', '+2'], From: '+15558675310', Body: 'x' }, {}, 'INVALID_PARAMETER',
        'Parameter "To" of Create Message takes one value; got an array of 2'],
      ['a bad date-time', 'api.v2010.Messages', 'create', { To: '+15558675310', From: '+15558675310', Body: 'x', SendAt: 'later' }, {}, 'INVALID_DATE',
        /^Parameter "SendAt" of Create Message: "later" is not a date; expected YYYY-MM-DD/],
    ];
    for (const [title, id, action, doc, statics, code, message] of bad) {
      it(`refuses ${title}`, function () {
        throwsWith(() => buildFormParams(op(id, action), doc, statics), code, message);
      });
    }

    it('accepts a plain valid value for every parameter of every Create and Update in the catalog', function () {
      const { objectsFor } = require('../../../dist/nodes/catalog/catalog');
      let checked = 0;
      for (const action of ['create', 'update']) {
        for (const obj of objectsFor(action)) {
          const operation = obj.actions[action];
          const doc = {};
          for (const p of operation.params || []) {
            const sid = p.pattern && /^\^([A-Z]{2})\[0-9a-fA-F\]\{32\}\$$/.exec(p.pattern);
            if (sid) {
              doc[p.name] = sid[1] + '0'.repeat(32);
              continue;
            }
            if (p.pattern) continue;
            doc[p.name] = p.enum ? p.enum[0] : p.type === 'boolean' ? true : p.type === 'integer' || p.type === 'number' ? (p.minimum ?? 1)
              : p.type === 'object' ? { a: 1 } : p.format === 'date-time' ? '2024-05-01' : '+13115556789';
          }
          const out = buildFormParams(operation, doc, {});
          assert.deepStrictEqual(Object.keys(out).sort(), Object.keys(doc).sort(), `${obj.id} ${action}`);
          checked++;
        }
      }
      assert.ok(checked > 50, `${checked} operations`);
    });
  });
});

describe('lib/request-document: blank rows, nested values', function () {
  const sms = op('api.v2010.Messages', 'create');

  it('"" clears a value (a redacted Body), whether from the document or a static value', function () {
    assert.deepStrictEqual(buildFormParams(op('api.v2010.Messages', 'update'), { Body: '' }, {}), { Body: '' });
    assert.deepStrictEqual(buildFormParams(op('api.v2010.Messages', 'update'), {}, { Body: '' }), { Body: '' });
    throwsWith(() => buildFormParams(sms, { From: '+15005550006', Body: 'x' }, { To: '' }), 'MISSING_PARAMETER', /"To"/);
  });

  it('an object for a text parameter is refused; a JSON-text parameter (ContentVariables) takes one', function () {
    throwsWith(() => buildFormParams(sms, { To: '+15558675310', From: '+15005550006', Body: { a: 1 } }, {}),
      'INVALID_PARAMETER', /"Body".*must be text, a number or a boolean/);
    const doc = parseRequestDocument('<Message><To>+15558675310</To><From>+15005550006</From><Body><a>1</a></Body></Message>');
    throwsWith(() => buildFormParams(sms, doc, {}), 'INVALID_PARAMETER', /"Body"/);
    const form = buildFormParams(sms, { To: '+15558675310', From: '+15005550006', ContentSid: 'HX' + '0'.repeat(32), ContentVariables: { 1: 'Ada' } }, {});
    assert.strictEqual(form.ContentVariables, '{"1":"Ada"}');
  });

  it('deep nesting is refused before it can exhaust the stack', function () {
    const deep = (n) => '<Message><Body>' + '<x>'.repeat(n) + 'y' + '</x>'.repeat(n) + '</Body></Message>';
    throwsWith(() => parseRequestDocument(deep(900)), 'INVALID_XML', /nests elements more than 32 deep/);
    // deeper still is more tags than any record has: refused before parsing
    throwsWith(() => parseRequestDocument(deep(5000)), 'INVALID_XML', /more than 2000 tags/);
  });

  describe('a record of the object passed as the request (a query wired into an update)', function () {
    const update = op('api.v2010.Messages', 'update');
    const record = schemaOf(update);
    const queried = { sid: 'SM' + '0'.repeat(32), body: 'Hi', status: 'delivered', to: '+13115556789', from: '+15005550006', date_sent: 'Mon, 01 Jan 2024 10:00:00 +0000' };

    it('says it is a record, what to set instead, and maps nothing', function () {
      throwsWith(() => buildFormParams(update, queried, {}, { record }), 'INVALID_REQUEST',
        /^The request document looks like a Message record as Twilio returns it \(fields "sid", "body", "status", "to", …\), not parameters of Update Message: record fields are never turned into parameters\. Set Request to "none \(parameters only\)" and add the parameters to change, or map the fields you mean/);
    });

    it('a record on a Participant update, with static parameters set, is still refused (nothing from it is sent)', function () {
      const participant = op('api.v2010.Conferences.Participants', 'update');
      throwsWith(() => buildFormParams(participant, { call_sid: CA, muted: false, hold: false, status: 'connected' }, { Muted: true },
        { record: schemaOf(participant) }), 'INVALID_REQUEST', /looks like a Participant record/);
    });

    it('a document of parameters with one stray lower-case name keeps the usual "did you mean" error', function () {
      throwsWith(() => buildFormParams(update, { Body: 'x', status: 'canceled' }, {}, { record }), 'UNKNOWN_PARAMETER',
        /Parameter "status" is not a parameter of Update Message; did you mean "Status"\?/);
    });
  });
});

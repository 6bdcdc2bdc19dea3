// twilio-twiml: rows and documents against TwiML written out by hand from Twilio's documented
// examples, every verb against the SDK's own output, the checks the SDK does not make, the
// verb table's freshness, and the node in Node-RED with typedInputs.
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const VoiceResponse = require('twilio/lib/twiml/VoiceResponse');
const MessagingResponse = require('twilio/lib/twiml/MessagingResponse');
const { rowsToTree } = require('../../../dist/nodes/twiml/rows.js');
const { buildTwiml } = require('../../../dist/nodes/twiml/build.js');
const { checkTwimlDocument } = require('../../../dist/nodes/twiml/document.js');
const { generateTwimlTable } = require('../../../dist/scripts/generate-twiml-table.js');

const HEAD = '<?xml version="1.0" encoding="UTF-8"?>';
const build = (kind, rows) => buildTwiml(kind, rowsToTree(kind, rows));
const a = (obj) => Object.entries(obj).map(([name, value]) => ({ name, value }));
// Hand-written documents are indented for reading; TwiML's meaning ignores that whitespace.
const flat = (xml) => xml.replace(/>\s+</g, '><').trim();

describe('twilio-twiml: the documented examples, written out by hand', function () {
  it('Message (reply to an incoming SMS)', function () {
    assert.strictEqual(build('messaging', [{ verb: 'Message', text: 'Store Location: 123 Easy St.' }]),
      flat(`${HEAD}<Response>
        <Message>Store Location: 123 Easy St.</Message>
      </Response>`));
  });

  it('Message with Body and Media, and Redirect', function () {
    assert.strictEqual(build('messaging', [
      { verb: 'Message', text: '' },
      { verb: 'Body', depth: 1, text: 'Store Location: 123 Easy St.' },
      { verb: 'Media', depth: 1, text: 'https://demo.twilio.com/owl.png' },
      { verb: 'Redirect', text: 'http://www.example.com/nextInstructions', attrs: a({ method: 'POST' }) },
    ]), flat(`${HEAD}<Response>
        <Message><Body>Store Location: 123 Easy St.</Body><Media>https://demo.twilio.com/owl.png</Media></Message>
        <Redirect method="POST">http://www.example.com/nextInstructions</Redirect>
      </Response>`));
  });

  it('Gather with a nested Say', function () {
    assert.strictEqual(build('voice', [
      { verb: 'Gather', attrs: a({ input: 'speech dtmf', timeout: '3', numDigits: '1' }) },
      { verb: 'Say', depth: 1, text: 'Please press 1 or say sales for sales.' },
    ]), flat(`${HEAD}<Response>
        <Gather input="speech dtmf" timeout="3" numDigits="1">
          <Say>Please press 1 or say sales for sales.</Say>
        </Gather>
      </Response>`));
  });

  it('Dial with Number, Client, Sip and Conference', function () {
    assert.strictEqual(build('voice', [
      { verb: 'Dial' },
      { verb: 'Number', depth: 1, text: '415-123-4567', attrs: a({ sendDigits: 'wwww1928' }) },
      { verb: 'Client', depth: 1, text: 'joey' },
      { verb: 'Sip', depth: 1, text: 'sip:jack@example.com' },
      { verb: 'Dial', attrs: a({ callerId: '+15551112222' }) },
      { verb: 'Conference', depth: 1, text: 'Room 1234', attrs: a({ startConferenceOnEnter: 'true' }) },
    ]), flat(`${HEAD}<Response>
        <Dial>
          <Number sendDigits="wwww1928">415-123-4567</Number>
          <Client>joey</Client>
          <Sip>sip:jack@example.com</Sip>
        </Dial>
        <Dial callerId="+15551112222"><Conference startConferenceOnEnter="true">Room 1234</Conference></Dial>
      </Response>`));
  });

  it('Say, Record, Play, Pause, Redirect, Enqueue, Reject and Hangup', function () {
    assert.strictEqual(build('voice', [
      { verb: 'Say', text: 'Please leave a message at the beep.', attrs: a({ voice: 'alice', language: 'en-US' }) },
      { verb: 'Record', attrs: a({ action: 'http://foo.edu/handleRecording.php', method: 'GET', maxLength: '20', finishOnKey: '*' }) },
      { verb: 'Play', text: 'https://api.twilio.com/cowbell.mp3', attrs: a({ loop: '10' }) },
      { verb: 'Pause', attrs: a({ length: '10' }) },
      { verb: 'Enqueue', text: 'support', attrs: a({ waitUrl: 'wait-music.xml' }) },
      { verb: 'Redirect', text: 'http://pigeons.com/twiml.xml', attrs: a({ method: 'POST' }) },
      { verb: 'Reject', attrs: a({ reason: 'busy' }) },
      { verb: 'Hangup' },
    ]), flat(`${HEAD}<Response>
        <Say voice="alice" language="en-US">Please leave a message at the beep.</Say>
        <Record action="http://foo.edu/handleRecording.php" method="GET" maxLength="20" finishOnKey="*"/>
        <Play loop="10">https://api.twilio.com/cowbell.mp3</Play>
        <Pause length="10"/>
        <Enqueue waitUrl="wait-music.xml">support</Enqueue>
        <Redirect method="POST">http://pigeons.com/twiml.xml</Redirect>
        <Reject reason="busy"/>
        <Hangup/>
      </Response>`));
  });

  it('texts are escaped as XML', function () {
    assert.strictEqual(build('messaging', [{ verb: 'Message', text: 'a < b & "c"' }]), `${HEAD}<Response><Message>a &lt; b &amp; "c"</Message></Response>`);
  });
});

describe('twilio-twiml: every verb against the SDK\'s own output', function () {
  const cases = [
    ['messaging', 'Message', (r) => r.message({ to: '+15551234567' }, 'hi'), { verb: 'Message', text: 'hi', attrs: a({ to: '+15551234567' }) }],
    ['messaging', 'Redirect', (r) => r.redirect({}, 'https://x.example/a'), { verb: 'Redirect', text: 'https://x.example/a' }],
    ['voice', 'Say', (r) => r.say({ voice: 'woman', loop: 2 }, 'hello'), { verb: 'Say', text: 'hello', attrs: a({ voice: 'woman', loop: '2' }) }],
    ['voice', 'Play', (r) => r.play({ digits: 'wwww3' }), { verb: 'Play', attrs: a({ digits: 'wwww3' }) }],
    ['voice', 'Pause', (r) => r.pause({ length: 5 }), { verb: 'Pause', attrs: a({ length: '5' }) }],
    ['voice', 'Hangup', (r) => r.hangup(), { verb: 'Hangup' }],
    ['voice', 'Reject', (r) => r.reject({ reason: 'rejected' }), { verb: 'Reject', attrs: a({ reason: 'rejected' }) }],
    ['voice', 'Record', (r) => r.record({ timeout: 10, transcribe: true }), { verb: 'Record', attrs: a({ timeout: '10', transcribe: 'true' }) }],
    ['voice', 'Redirect', (r) => r.redirect({ method: 'GET' }, 'https://x.example/b'), { verb: 'Redirect', text: 'https://x.example/b', attrs: a({ method: 'GET' }) }],
    ['voice', 'Enqueue', (r) => r.enqueue({ workflowSid: 'WW123' }, 'q'), { verb: 'Enqueue', text: 'q', attrs: a({ workflowSid: 'WW123' }) }],
  ];
  for (const [kind, verb, sdk, row] of cases) {
    it(verb + ` (${kind})`, function () {
      const r = kind === 'voice' ? new VoiceResponse() : new MessagingResponse();
      sdk(r);
      assert.strictEqual(build(kind, [row]), r.toString());
    });
  }

  it('Gather with Say and Play, Dial with Number/Client/Sip/Conference', function () {
    const r = new VoiceResponse();
    const g = r.gather({ numDigits: 1 });
    g.say('one');
    g.play('https://x.example/a.mp3');
    const d = r.dial({ timeout: 20 });
    d.number('+15551234567');
    d.client('bob');
    d.sip('sip:a@b.example');
    r.dial().conference({ muted: true }, 'Room');
    assert.strictEqual(build('voice', [
      { verb: 'Gather', attrs: a({ numDigits: '1' }) }, { verb: 'Say', depth: 1, text: 'one' }, { verb: 'Play', depth: 1, text: 'https://x.example/a.mp3' },
      { verb: 'Dial', attrs: a({ timeout: '20' }) }, { verb: 'Number', depth: 1, text: '+15551234567' }, { verb: 'Client', depth: 1, text: 'bob' }, { verb: 'Sip', depth: 1, text: 'sip:a@b.example' },
      { verb: 'Dial' }, { verb: 'Conference', depth: 1, text: 'Room', attrs: a({ muted: 'true' }) },
    ]), r.toString());
  });
});

describe('twilio-twiml: checks the SDK does not make', function () {
  const refuses = (kind, rows, pattern) => assert.throws(() => rowsToTree(kind, rows), (e) => pattern.test(e.message) && e.code === 'INVALID_REQUEST');
  it('an unknown verb', () => refuses('voice', [{ verb: 'Shout', text: 'x' }], /unknown verb "Shout"; expected one of .*Say/));
  it('a verb of the other kind', () => refuses('messaging', [{ verb: 'Say', text: 'x' }], /unknown verb "Say"|<Say> is not allowed in <MessagingResponse>/));
  it('a disallowed attribute', () => refuses('voice', [{ verb: 'Say', text: 'x', attrs: a({ colour: 'red' }) }], /<Say> has no attribute "colour"; its attributes: language, loop, voice/));
  it('an empty Say', () => refuses('voice', [{ verb: 'Say', text: '  ' }], /<Say> needs text/));
  it('an empty Message', () => refuses('messaging', [{ verb: 'Message', text: '' }], /<Message> needs text/));
  it('a bad nesting', () => refuses('voice', [{ verb: 'Gather' }, { verb: 'Dial', depth: 1 }], /<Dial> is not allowed in <Gather>; allowed there: Pause, Play, Say/));
  it('a number attribute that is no number', () => refuses('voice', [{ verb: 'Pause', attrs: a({ length: 'ten' }) }], /length must be a number/));
  it('a row nested two levels below the row above', () => refuses('voice', [{ verb: 'Dial', depth: 0 }, { verb: 'Number', depth: 2, text: '1' }], /nested deeper/));
});

describe('twilio-twiml: a whole document', function () {
  it('valid TwiML passes through unchanged', function () {
    const doc = '<?xml version="1.0" encoding="UTF-8"?>\n<Response>\n  <Gather numDigits="1"><Say voice="alice">Hi</Say></Gather>\n  <Hangup/>\n</Response>';
    assert.strictEqual(checkTwimlDocument('voice', doc), doc);
  });
  for (const [name, doc, pattern] of [
    ['an unknown attribute', '<Response><Message colour="red">x</Message></Response>', /no attribute "colour"/],
    ['a bad nesting', '<Response><Message><Say>x</Say></Message></Response>', /<Say> is not allowed in <Message>/],
    ['an empty Message', '<Response><Message></Message></Response>', /<Message> needs text/],
    ['another root', '<Reply><Message>x</Message></Reply>', /one <Response> root/],
    ['broken XML', '<Response><Message>x</Response>', /not well-formed/],
  ]) {
    it(`refuses ${name}`, () => assert.throws(() => checkTwimlDocument('messaging', doc), pattern));
  }
});

describe('twilio-twiml: the verb table', function () {
  it('equals what scripts/generate-twiml-table makes from the installed SDK\'s .d.ts (run it after upgrading twilio)', function () {
    const shipped = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'nodes', 'twiml', 'twiml-table.json'), 'utf8'));
    assert.deepStrictEqual(shipped, JSON.parse(JSON.stringify(generateTwimlTable())));
  });
  it('knows the verbs the editor offers, with their children', function () {
    const t = generateTwimlTable();
    for (const v of ['Say', 'Play', 'Gather', 'Dial', 'Record', 'Redirect', 'Pause', 'Hangup', 'Reject', 'Enqueue']) assert.ok(t.voice.root.includes(v), v);
    assert.deepStrictEqual(t.messaging.root, ['Message', 'Redirect']);
    for (const c of ['Number', 'Client', 'Sip', 'Conference']) assert.ok(t.voice.elements.Dial.children.includes(c), c);
  });
});

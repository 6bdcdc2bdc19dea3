// The ten breaks of issue 9, one describe each, at the module that owns the rule. The bad-input
// battery (bad-input.spec.js) and the fault matrix replay them through Node-RED and the sandbox.
'use strict';
const assert = require('assert');
const { parseRequestDocument } = require('../../dist/nodes/request/request-document');

function throwsCode(fn, code, message) {
  assert.throws(fn, (err) => {
    assert.strictEqual(err.name, 'TwilioNodeError', `not the project's error: ${err.stack}`);
    assert.strictEqual(err.code, code, err.message);
    if (message) assert.match(err.message, message);
    return true;
  });
}

describe('reliability: the ten breaks', function () {
  describe('1. truncated XML is INVALID_XML', function () {
    const cases = [
      ['elements left open', '<Message><To>+15558675310</To><From>+15005550006</From><Body>Your code is 12'],
      ['the root left open', '<Message><To>+15558675310</To><Body>hi</Body>'],
      ['cut inside a closing tag', '<Message><To>+15558675310</To></Mess'],
      ['cut inside an opening tag', '<Message><To>+15558675310</To><Bo'],
      ['cut inside the root end tag of a wrapper', '<TwilioResponse><Message><To>1</To></Message></Twilio'],
    ];
    for (const [name, xml] of cases) {
      it(name, function () {
        throwsCode(() => parseRequestDocument(xml), 'INVALID_XML', /not closed|not well-formed/);
      });
    }
    it('a complete document still reads', function () {
      assert.deepStrictEqual(parseRequestDocument('<Message><To>1</To></Message>'), { To: '1' });
    });
  });
});

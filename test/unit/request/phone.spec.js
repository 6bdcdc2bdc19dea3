'use strict';
const assert = require('assert');
const { normalizePhone, isPhoneFormat } = require('../../../dist/nodes/request/phone');

describe('lib/phone normalizePhone', function () {
  const cases = [
    // formatted E.164 → E.164
    ['+1 (311) 555-6789', '+13115556789'],
    ['+44 20 7946 0958', '+442079460958'],
    ['+13115556789', '+13115556789'],
    ['+1.311.555.6789', '+13115556789'],
    ['+1/311/555/6789', '+13115556789'],
    ['  +1 311 555 6789  ', '+13115556789'],
    ['+49\u00a030\u00a0123456', '+4930123456'],
    // channel addresses keep their prefix; the number after it is normalised
    ['whatsapp:+1 555 123 4567', 'whatsapp:+15551234567'],
    ['whatsapp:+15551234567', 'whatsapp:+15551234567'],
    ['messenger:1234567890', 'messenger:1234567890'],
    // untouched: clients, SIP, short codes, alphanumeric senders, national and odd forms
    ['client:alice', 'client:alice'],
    ['client:+1 555 123 4567', 'client:+1 555 123 4567'],
    ['sip:alice@example.com', 'sip:alice@example.com'],
    ['sip:+1 555@example.com', 'sip:+1 555@example.com'],
    ['12345', '12345'],
    ['MyBrand', 'MyBrand'],
    ['(311) 555-6789', '(311) 555-6789'],
    ['+1 311 555 6789 ext 12', '+1 311 555 6789 ext 12'],
    ['+123', '+123'],
    ['+1234567890123456', '+1234567890123456'],
    ['+0 311 555 6789', '+0 311 555 6789'],
    ['', ''],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, function () {
      assert.strictEqual(normalizePhone(input), expected);
    });
  }

  it('applies to the formats phone-number and endpoint only', function () {
    assert.strictEqual(isPhoneFormat('phone-number'), true);
    assert.strictEqual(isPhoneFormat('endpoint'), true);
    assert.strictEqual(isPhoneFormat('uri'), false);
    assert.strictEqual(isPhoneFormat(undefined), false);
  });
});

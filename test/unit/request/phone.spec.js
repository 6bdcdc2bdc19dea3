'use strict';
const assert = require('assert');
const { normalizePhone, checkPhone, isPhoneFormat, looksLikeAddress } = require('../../../dist/nodes/request/phone');
const { encodeValue } = require('../../../dist/nodes/request/param-values');
const catalog = require('../../../nodes/catalog/api.v2010.json');

describe('request/phone: numbers as people type them', function () {
  const cases = [
    // [input, options, expected]
    ['+1 (311) 555-6789', {}, '+13115556789'],
    ['+44 20 7946 0958', {}, '+442079460958'],
    ['+13115556789', {}, '+13115556789'],
    ['+1.311.555.6789', {}, '+13115556789'],
    ['  +1 311 555 6789  ', {}, '+13115556789'],
    ['+49\u00a030\u00a0123456', {}, '+4930123456'],
    // Twilio's test numbers and reserved ranges pass (isValid() would refuse them)
    ['+15558675310', {}, '+15558675310'],
    ['+15005550006', {}, '+15005550006'],
    // national numbers with the account's default country
    ['(415) 555-1212', { defaultCountry: 'US' }, '+14155551212'],
    ['020 7946 0018', { defaultCountry: 'GB' }, '+442079460018'],
    ['020 7946 0018', { defaultCountry: 'gb' }, '+442079460018'],
    ['+44 20 7946 0958', { defaultCountry: 'US' }, '+442079460958'],
    // whatsapp: keeps its prefix, the number inside is normalised
    ['whatsapp:+1 555 123 4567', {}, 'whatsapp:+15551234567'],
    ['whatsapp:(415) 555-1212', { defaultCountry: 'US' }, 'whatsapp:+14155551212'],
    // other addresses untouched
    ['messenger:1234567890', {}, 'messenger:1234567890'],
    ['client:alice', {}, 'client:alice'],
    ['client:+1 555 123 4567', {}, 'client:+1 555 123 4567'],
    ['sip:alice@example.com', {}, 'sip:alice@example.com'],
    ['sip:+1 555@example.com', {}, 'sip:+1 555@example.com'],
    // short codes and sender ids where the parameter takes them
    ['12345', { also: ['short-code', 'alphanumeric'] }, '12345'],
    ['MyBrand', { also: ['short-code', 'alphanumeric'] }, 'MyBrand'],
    ['8675*', { also: ['partial'] }, '8675*'],
    // not a number at all, or with an extension: Twilio decides
    ['MyBrand', {}, 'MyBrand'],
    ['+1 311 555 6789 ext 12', {}, '+1 311 555 6789 ext 12'],
    ['', {}, ''],
  ];
  for (const [input, opts, expected] of cases) {
    it(`${JSON.stringify(input)} ${JSON.stringify(opts)} → ${JSON.stringify(expected)}`, function () {
      const r = checkPhone(input, opts);
      assert.strictEqual(r.problem, undefined);
      assert.strictEqual(r.value, expected);
    });
  }

  const refused = [
    ['(415) 555-1212', {}, 'INVALID_COUNTRY'],
    ['+0 311 555 6789', {}, 'INVALID_COUNTRY'],
    ['+123', {}, 'TOO_SHORT'],
    ['+1234567890123456', {}, 'TOO_LONG'],
    ['12345', { defaultCountry: 'US' }, 'TOO_SHORT'],
    ['12345', {}, 'INVALID_COUNTRY'],
    ['whatsapp:12345', { defaultCountry: 'US', also: ['short-code'] }, 'TOO_SHORT'],
  ];
  for (const [input, opts, problem] of refused) {
    it(`refuses ${JSON.stringify(input)} ${JSON.stringify(opts)}: ${problem}`, function () {
      assert.strictEqual(checkPhone(input, opts).problem, problem);
      assert.strictEqual(normalizePhone(input, opts), input);
    });
  }

  it('applies to the formats phone-number and endpoint only', function () {
    assert.strictEqual(isPhoneFormat('phone-number'), true);
    assert.strictEqual(isPhoneFormat('endpoint'), true);
    assert.strictEqual(isPhoneFormat('uri'), false);
    assert.strictEqual(isPhoneFormat(undefined), false);
  });

  it('reads msg.topic as an address only when it is one', function () {
    assert.ok(looksLikeAddress('+15558675310'));
    assert.ok(looksLikeAddress('whatsapp:+15558675310'));
    assert.ok(looksLikeAddress('(415) 555-1212', { defaultCountry: 'US' }));
    assert.ok(!looksLikeAddress('(415) 555-1212'));
    assert.ok(!looksLikeAddress('alerts'));
    assert.ok(!looksLikeAddress('sensor:1'));
    assert.ok(!looksLikeAddress(''));
    assert.ok(!looksLikeAddress(42));
  });

  describe('through the catalog parameters (generator table)', function () {
    const param = (op, name, kind = 'params') => {
      for (const o of Object.values(catalog.objects)) {
        for (const a of Object.values(o.actions)) if (a.operationId === op) return a[kind].find((p) => p.name === name);
      }
    };
    const opts = { subject: 'Parameter "X"', code: 'INVALID_PARAMETER', defaultCountry: 'US' };

    it('Create Message From takes a short code and a sender id; To does not', function () {
      assert.strictEqual(encodeValue(param('CreateMessage', 'From'), '12345', opts), '12345');
      assert.strictEqual(encodeValue(param('CreateMessage', 'From'), 'MyBrand', opts), 'MyBrand');
      assert.throws(() => encodeValue(param('CreateMessage', 'To'), '12345', opts), (err) => {
        assert.strictEqual(err.code, 'INVALID_PARAMETER');
        assert.match(err.message, /Parameter "X": "12345" is too short for a phone number \(read with default country US\)/);
        return true;
      });
      assert.strictEqual(encodeValue(param('CreateMessage', 'To'), '(415) 555-1212', opts), '+14155551212');
    });

    it('Create Call To: a national number needs a default country, and the error says how to fix it', function () {
      const p = param('CreateCall', 'To');
      assert.throws(() => encodeValue(p, '(415) 555-1212', { ...opts, defaultCountry: '' }),
        /no valid country code \(default country: none\); write it as \+<country code><number>.*or set a default country on the Twilio account node/);
      assert.strictEqual(encodeValue(p, 'client:alice', opts), 'client:alice');
    });

    it('filters: Messages From takes a short code, IncomingPhoneNumbers PhoneNumber a partial number', function () {
      const fopts = { ...opts, code: 'INVALID_FILTER' };
      assert.strictEqual(encodeValue(param('ListMessage', 'From', 'filters'), '12345', fopts), '12345');
      assert.strictEqual(encodeValue(param('ListMessage', 'To', 'filters'), '415-555-1212', fopts), '+14155551212');
      assert.strictEqual(encodeValue(param('ListIncomingPhoneNumber', 'PhoneNumber', 'filters'), '867', fopts), '867');
      assert.throws(() => encodeValue(param('ListCall', 'To', 'filters'), '+1234567890123456', fopts), (err) => err.code === 'INVALID_FILTER' && /too long/.test(err.message));
    });
  });
});

describe('request/phone: one parse for the usual number, the same answers as validating first', function () {
  const fc = require('fast-check');
  const lib = require('libphonenumber-js');
  const REFUSED = ['TOO_SHORT', 'TOO_LONG', 'INVALID_COUNTRY'];
  // The rule as written before the one-parse path: validatePhoneNumberLength, then parse.
  function twoStep(text, country) {
    const problem = lib.validatePhoneNumberLength(text, country);
    if (problem && REFUSED.includes(problem)) return { value: text, problem };
    if (problem) return { value: text };
    const parsed = lib.parsePhoneNumberFromString(text, { defaultCountry: country, extract: false });
    return !parsed || parsed.ext ? { value: text } : { value: parsed.number };
  }
  const countries = [undefined, 'US', 'GB', 'DE', 'IN', 'FR', 'BR', 'AU', 'JP', 'CA', 'BS'];
  const chars = fc.constantFrom(...'0123456789012345678901234567890123456789 +()-.xet#'.split(''));
  const typed = fc.tuple(fc.constantFrom('', '+', '+1', '+44', '00', '+49 ', '(', '+1 ('), fc.array(chars, { maxLength: 20 }))
    .map(([head, rest]) => (head + rest.join('')).trim())
    .filter((s) => s !== '' && !/^\d{3,8}$/.test(s));

  it('for any typed number and default country, checkPhone answers what validating first would', function () {
    fc.assert(fc.property(typed, fc.constantFrom(...countries), (text, country) => {
      assert.deepStrictEqual(checkPhone(text, { defaultCountry: country }), twoStep(text, country));
    }), { numRuns: 3000 });
  });

  it('a number asked again gets the same answer, and changing an answer does not change the next one', function () {
    const first = checkPhone('+1 311 555 6789');
    first.value = 'changed';
    assert.deepStrictEqual(checkPhone('+1 311 555 6789'), { value: '+13115556789' });
    assert.deepStrictEqual(checkPhone('311 555 6789', { defaultCountry: 'US' }), { value: '+13115556789' });
    assert.deepStrictEqual(checkPhone('311 555 6789', { defaultCountry: 'GB' }), twoStep('311 555 6789', 'GB'));
  });
});

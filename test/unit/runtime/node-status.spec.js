// The short status under a node for each kind of failure: a few words, never the full error text.
const assert = require('assert');
const { shortStatus } = require('../../../dist/nodes/runtime/node-status');
const { ErrorCodes, TwilioNodeError } = require('../../../dist/nodes/common/errors');

describe('runtime/node-status shortStatus', function () {
  it('every project error code has its own short text of at most 40 characters', function () {
    const texts = Object.values(ErrorCodes).map((code) => shortStatus(new TwilioNodeError('a long explanation '.repeat(10), code)));
    for (const text of texts) {
      assert.ok(text.length <= 40, text);
      assert.doesNotMatch(text, /long explanation|^status\./, text);
    }
    assert.strictEqual(new Set(texts).size, texts.length, `distinct: ${texts}`);
  });

  it('Twilio answers show the HTTP status and its reason', function () {
    const e = new TwilioNodeError('The requested resource was not found', 20404, { status: 404, code: 20404, message: 'not found' });
    assert.strictEqual(shortStatus(e), '404 not found');
    assert.strictEqual(shortStatus(new TwilioNodeError('x', 21211, { status: 400, code: 21211, message: 'Invalid To' })), '400 bad request');
  });

  it('a status the raiser set wins, clipped to 40 characters', function () {
    assert.strictEqual(shortStatus(new TwilioNodeError('…', ErrorCodes.missingParameter).withStatus('missing To')), 'missing To');
    const long = shortStatus(new TwilioNodeError('…', ErrorCodes.unknownParameter).withStatus('unknown parameter ' + 'X'.repeat(40)));
    assert.strictEqual(long.length, 40);
    assert.ok(long.endsWith('…'));
  });
});

describe('runtime/action-config setupProblem', function () {
  const { setupProblem } = require('../../../dist/nodes/runtime/action-config');
  const { findObject } = require('../../../dist/nodes/catalog/catalog');
  const calls = findObject('api.v2010.Calls');
  const cases = [
    [{ object: 'api.v2010.Calls' }, { action: 'get', obj: calls, op: calls.actions.get, hasAccount: false }, 'no account'],
    [{ object: 'api.v2010.Nope' }, { action: 'get', hasAccount: true }, 'unknown object'],
    [{ object: 'api.v2010.Calls', limit: 'ten' }, { action: 'query', obj: calls, op: calls.actions.query, hasAccount: true }, 'invalid limit'],
    [{ object: 'api.v2010.Calls', fields: null }, { action: 'get', obj: calls, op: calls.actions.get, hasAccount: true }, 'no field checked'],
  ];
  for (const [config, facts, status] of cases) {
    it(`shows "${status}" under the node, the full reason in the error`, function () {
      const e = setupProblem(config, facts)();
      assert.strictEqual(shortStatus(e), status);
      assert.ok(e.message.length > status.length + 10, e.message);
    });
  }
});

// A message's cancel signal (nodes/common/cancel.ts) behaves as an AbortSignal does where the
// limiter, retries and transport rely on it, and hands a real AbortSignal to APIs needing one.
const assert = require('assert');
const { Cancel } = require('../../../dist/nodes/common/cancel.js');

describe('cancel: a message\'s stop signal', function () {
  it('calls each listener once, in order; a removed one never; one added after the abort never', function () {
    const cancel = new Cancel();
    const calls = [];
    const a = () => calls.push('a');
    const b = () => calls.push('b');
    const c = () => calls.push('c');
    cancel.addEventListener('abort', a);
    cancel.addEventListener('abort', b);
    cancel.addEventListener('abort', c);
    cancel.removeEventListener('abort', b);
    assert.strictEqual(cancel.aborted, false);
    cancel.abort();
    cancel.abort();
    assert.strictEqual(cancel.aborted, true);
    cancel.addEventListener('abort', () => calls.push('late'));
    assert.deepStrictEqual(calls, ['a', 'c']);
    // the same rules as an AbortSignal
    const ac = new AbortController();
    const seen = [];
    const x = () => seen.push('x');
    ac.signal.addEventListener('abort', x);
    ac.signal.addEventListener('abort', () => seen.push('y'));
    ac.signal.removeEventListener('abort', x);
    ac.abort();
    ac.signal.addEventListener('abort', () => seen.push('late'));
    assert.deepStrictEqual(seen, ['y']);
  });

  it('a listener that removes itself while being called does not stop the others', function () {
    const cancel = new Cancel();
    const calls = [];
    const self = () => { calls.push('self'); cancel.removeEventListener('abort', self); };
    cancel.addEventListener('abort', self);
    cancel.addEventListener('abort', () => calls.push('next'));
    cancel.abort();
    assert.deepStrictEqual(calls, ['self', 'next']);
  });

  it('its AbortSignal follows it, made before or after the abort', function () {
    const before = new Cancel();
    const signal = before.toAbortSignal();
    assert.strictEqual(before.toAbortSignal(), signal, 'one signal per message');
    assert.strictEqual(signal.aborted, false);
    before.abort();
    assert.strictEqual(signal.aborted, true);
    const after = new Cancel();
    after.abort();
    assert.strictEqual(after.toAbortSignal().aborted, true);
  });
});

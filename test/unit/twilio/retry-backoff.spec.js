// The retry backoff: capped exponential with equal jitter (half fixed, half random), and
// Retry-After read as seconds or an HTTP date.
const assert = require('assert');
const { afterRetryAfter, backoffDelay, retryAfterMs, sendWithRetries } = require('../../../dist/nodes/twilio/retry.js');

describe('retry backoff', function () {
  it('waits between half the ceiling and the ceiling, never less (equal jitter)', function () {
    assert.strictEqual(backoffDelay(0, () => 0), 250);
    assert.strictEqual(backoffDelay(0, () => 0.999999), 499);
    assert.strictEqual(backoffDelay(3, () => 0), 2000);
    assert.strictEqual(backoffDelay(3, () => 0.5), 3000);
  });

  it('caps the ceiling at 20 s however many attempts came before', function () {
    assert.strictEqual(backoffDelay(30, () => 0), 10000);
    assert.ok(backoffDelay(30, () => 0.999999) < 20000);
  });

  it('after a 429 waits Retry-After at least and up to half again, so a refused burst does not come back as one', function () {
    assert.strictEqual(afterRetryAfter(1000, () => 0), 1000);
    assert.strictEqual(afterRetryAfter(1000, () => 0.999999), 1499);
    assert.strictEqual(afterRetryAfter(0, () => 0.9), 0, 'Retry-After: 0 still means now');
    const waits = Array.from({ length: 200 }, () => afterRetryAfter(1000));
    assert.ok(waits.every((w) => w >= 1000 && w < 1500));
    assert.ok(new Set(waits).size > 50, 'spread, not one instant');
  });

  it('the random part never pushes a Retry-After that fits the retry budget over it', async function () {
    const answers = [{ status: 429, headers: { 'retry-after': '1' }, body: {} }, { status: 200, headers: {}, body: {} }];
    const waits = [];
    const started = Date.now();
    const r = await sendWithRetries(async () => answers.shift(), { maxRetries: 3, retryMaxWait: 1000, idempotent: true }, undefined,
      { onWait: (w) => waits.push(w.seconds) });
    const took = Date.now() - started;
    assert.strictEqual(r.response.status, 200);
    assert.deepStrictEqual(waits, [1]);
    assert.ok(took >= 990 && took < 1200, `waited ${took} ms for a 1 s Retry-After with 1 s of budget`);
  });

  it('reads Retry-After as seconds or as an HTTP date, and ignores nonsense', function () {
    assert.strictEqual(retryAfterMs('3'), 3000);
    assert.strictEqual(retryAfterMs(new Date(10000).toUTCString(), 4000), 6000);
    assert.strictEqual(retryAfterMs('soon'), undefined);
    assert.strictEqual(retryAfterMs(undefined), undefined);
  });
});

'use strict';
// The recorded differences between Twilio's OpenAPI schemas and its own examples or
// documented behaviour (test/conformance/spec-differences.json) are exactly what the
// validators tolerate: each one must still exist in the installed spec, and with them every
// example in the spec validates against its own response schema.
const assert = require('assert');
const S = require('./lib/spec');

describe('conformance: recorded differences between Twilio\'s spec and its examples', function () {
  const differences = S.loadDifferences();

  it('every entry has a pointer, the spec keys it expects, what is also accepted, and a reason', function () {
    const seen = new Set();
    for (const d of differences) {
      assert.ok(typeof d.pointer === 'string' && d.pointer.startsWith('/'), JSON.stringify(d));
      assert.ok(!seen.has(d.pointer), `${d.pointer} is recorded twice`);
      seen.add(d.pointer);
      assert.ok(d.spec && typeof d.spec === 'object' && Object.keys(d.spec).length, `${d.pointer}: spec`);
      assert.ok(d.also && typeof d.also === 'object', `${d.pointer}: also`);
      assert.ok(typeof d.reason === 'string' && d.reason.length > 20, `${d.pointer}: reason`);
    }
  });

  it('every recorded difference still exists in the installed spec', function () {
    const gone = differences.filter((d) => !S.differenceStillInSpec(d))
      .map((d) => `${d.pointer}: expected ${JSON.stringify(d.spec)}, spec has ${JSON.stringify(S.pointerGet(S.loadSpec(), d.pointer))}`.slice(0, 300));
    assert.deepStrictEqual(gone, [], 'fixed in the spec: remove these entries');
  });

  it('with the differences tolerated, every example in the spec validates against its response schema', function () {
    this.timeout(60000);
    const v = new S.SpecValidators();
    const failures = [];
    for (const [p, item] of Object.entries(S.loadSpec().paths)) {
      for (const [m, op] of Object.entries(item)) {
        if (!op || !op.responses) continue;
        for (const [status, resp] of Object.entries(op.responses)) {
          const content = resp.content && resp.content['application/json'];
          if (!content || !content.examples) continue;
          for (const [name, ex] of Object.entries(content.examples)) {
            const errors = v.validateResponse({ path: p, method: m.toUpperCase() }, status, ex.value);
            if (errors.length) failures.push(`${op.operationId} ${status} example "${name}": ${errors.join('; ')}`);
          }
        }
      }
    }
    assert.deepStrictEqual(failures, []);
  });

  it('without them, the examples do not all validate (the list is needed)', function () {
    this.timeout(60000);
    const strict = new S.SpecValidators({ strict: true });
    const op = S.operations().find((e) => e.key === 'api.v2010.Calls.Recordings get');
    const example = S.successExample(op);
    assert.strictEqual(typeof example.price, 'string');
    assert.notDeepStrictEqual(strict.validateResponse(op.op, op.op.status, example), []);
    assert.deepStrictEqual(new S.SpecValidators().validateResponse(op.op, op.op.status, example), []);
  });
});

// The by-day GMT date filter table again, on a machine whose clock is in Los Angeles:
// a value without a zone is GMT whatever the machine's zone.
const assert = require('assert');
const { spawnSync } = require('child_process');
const path = require('path');

describe('date filters under TZ=America/Los_Angeles', function () {
  this.timeout(180000);
  it('the node-level date filter table passes', function () {
    const mocha = require.resolve('mocha/bin/mocha.js');
    const run = spawnSync(process.execPath, [mocha, path.join(__dirname, 'query.spec.js'), '--grep', 'by GMT day'], {
      env: { ...process.env, TZ: 'America/Los_Angeles' }, encoding: 'utf8',
    });
    const out = run.stdout + run.stderr;
    assert.strictEqual(run.status, 0, out);
    assert.match(out, /TZ=America\/Los_Angeles/);
    assert.match(out, /(1[0-9]|[2-9][0-9]) passing/);
  });
});

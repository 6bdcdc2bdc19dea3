// The benchmark's smoke run (BENCH_SMOKE=1: small N, one round, no targets), so `npm run bench`
// cannot rot between full runs: every scenario runs and every row of results.json comes out.
const assert = require('assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFile } = require('child_process');

const ROWS = ['sandbox-ceiling', 'query-vs-handwritten', 'query-vs-raw-sdk', 'event-loop-stall', 'xml-vs-json', 'query-live-heap',
  'query-small-heap', 'create-vs-ideal', 'create-vs-handwritten', 'get-vs-handwritten', 'admin-objects-ms', 'startup-ms', 'shared-account'];

describe('bench smoke run', function () {
  this.timeout(400000);

  it('runs every scenario at small N and writes every row', async function () {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-smoke-')), 'results.json');
    try {
      await new Promise((resolve, reject) => {
        execFile(process.execPath, [path.join(__dirname, '..', '..', 'bench', 'run.js')], {
          env: { ...process.env, BENCH_SMOKE: '1', BENCH_OUT: out }, timeout: 380000, maxBuffer: 16 * 1024 * 1024,
        }, (err, stdout, stderr) => (err ? reject(new Error(`bench/run.js failed: ${err.message}\n${stdout.slice(-3000)}\n${stderr.slice(-3000)}`)) : resolve()));
      });
      const result = JSON.parse(fs.readFileSync(out, 'utf8'));
      assert.strictEqual(result.smoke, true);
      assert.deepStrictEqual(result.rows.map((r) => r.name).sort(), [...ROWS].sort());
      for (const r of result.rows) {
        assert.ok(Number.isFinite(r.value), `${r.name}: value ${r.value}`);
        assert.strictEqual(r.ok, null, `${r.name}: a smoke run judges no target`);
        assert.ok(r.unit && r.detail, `${r.name}: unit and detail`);
      }
      const shared = result.rows.find((r) => r.name === 'shared-account');
      assert.match(shared.detail, /duplicated 0, failed 0/);
      assert.match(result.rows.find((r) => r.name === 'query-small-heap').detail, /completed/);
    } finally {
      fs.rmSync(path.dirname(out), { recursive: true, force: true });
    }
  });
});

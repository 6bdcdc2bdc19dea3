// `npm start` and `npm run sandbox` with a busy port (a user's own Node-RED on 1880 is the likely
// case): one line naming the port and how to choose another, exit code 1, no stack trace.
const assert = require('assert');
const net = require('net');
const path = require('path');
const { spawn } = require('child_process');

const root = path.join(__dirname, '..', '..');

function run(script, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, script)], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`${script} did not exit:\n${out}`)); }, 30000);
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    child.on('exit', (code) => { clearTimeout(timer); resolve({ code, out }); });
  });
}

describe('npm start and npm run sandbox with a busy port', function () {
  this.timeout(40000);
  let busy;
  let port;
  before(async function () {
    busy = net.createServer();
    await new Promise((r) => busy.listen(0, '127.0.0.1', r));
    port = busy.address().port;
  });
  after(function (done) { busy.close(done); });

  const cases = [
    ['npm start, Node-RED port taken', 'dist/scripts/start.js', () => ({ PORT: String(port), SANDBOX_PORT: '0' }), 'the Node-RED editor', `PORT=${'{next}'} npm start`],
    ['npm start, sandbox port taken', 'dist/scripts/start.js', () => ({ PORT: '0', SANDBOX_PORT: String(port) }), 'the sandbox', `SANDBOX_PORT=${'{next}'} npm start`],
    ['npm run sandbox, port taken', 'dist/sandbox/cli.js', () => ({ SANDBOX_PORT: String(port) }), 'the sandbox', `SANDBOX_PORT=${'{next}'} npm run sandbox`],
  ];
  for (const [title, script, env, what, how] of cases) {
    it(`${title}: says which port and how to choose another, exits 1 without a stack trace`, async function () {
      const { code, out } = await run(script, env());
      assert.strictEqual(code, 1, out);
      assert.ok(out.includes(`Port ${port} (${what}) is already in use`), out);
      assert.ok(out.includes(how.replace('{next}', String(port + 1))), out);
      assert.doesNotMatch(out, /^\s+at /m, 'no stack trace');
      assert.strictEqual(out.trim().split('\n').length, 1, `one line: ${out}`);
    });
  }

  it('a PORT that is not a port is named as such', async function () {
    const { code, out } = await run('dist/scripts/start.js', { PORT: 'eighty', SANDBOX_PORT: '0' });
    assert.strictEqual(code, 1);
    assert.match(out.trim(), /^npm start: PORT=eighty is not a port: expected a whole number from 0 to 65535/);
  });
});

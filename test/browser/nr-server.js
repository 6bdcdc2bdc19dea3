// A real Node-RED with this package loaded, plus the sandbox (a local Twilio), in a child
// process of the test run (Node-RED's runtime is a per-process singleton, and the route tests
// use node-red-node-test-helper in the mocha process).
//
// Input (env): NR_OPTIONS = JSON {adminAuth?: boolean, flows?: [...], credentials?: {...}}
// Output: one line on stdout, JSON {nodeRed, sandbox, accountSid, authToken, userDir}.
// The sandbox's account sid/token are substituted for "$ACCOUNT_SID"/"$AUTH_TOKEN"/"$SANDBOX_URL".
const path = require('path');

const root = path.join(__dirname, '..', '..');
const { startNodeRed } = require(path.join(root, 'dist', 'scripts', 'embed-node-red.js'));

async function main() {
  const options = JSON.parse(process.env.NR_OPTIONS || '{}');
  const { startSandbox, SANDBOX_DEFAULTS } = require(path.join(root, 'dist', 'sandbox', 'server.js'));
  const sandbox = await startSandbox({ port: 0 });
  const fill = (v) => JSON.parse(JSON.stringify(v)
    .split('$ACCOUNT_SID').join(SANDBOX_DEFAULTS.accountSid)
    .split('$AUTH_TOKEN').join(SANDBOX_DEFAULTS.authToken)
    .split('$SANDBOX_URL').join(sandbox.url));

  const settings = {};
  if (options.adminAuth) {
    const bcrypt = require('bcryptjs');
    settings.adminAuth = {
      type: 'credentials',
      users: [
        { username: 'admin', password: bcrypt.hashSync('admin-pass', 8), permissions: '*' },
        { username: 'reader', password: bcrypt.hashSync('reader-pass', 8), permissions: 'read' },
      ],
    };
  }
  const nodeRed = await startNodeRed({ flows: fill(options.flows || []), credentials: fill(options.credentials || {}), settings });
  const out = {
    nodeRed: nodeRed.url,
    sandbox: sandbox.url,
    accountSid: SANDBOX_DEFAULTS.accountSid,
    authToken: SANDBOX_DEFAULTS.authToken,
    userDir: nodeRed.userDir,
  };
  process.stdout.write(JSON.stringify(out) + '\n');
  const stop = async () => {
    await nodeRed.stop();
    await sandbox.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('disconnect', stop);
}

main().catch((err) => {
  process.stderr.write(String((err && err.stack) || err) + '\n');
  process.exit(1);
});

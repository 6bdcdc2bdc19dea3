// A real Node-RED with this package loaded, plus the sandbox (a local Twilio), in a child
// process of the test run (Node-RED's runtime is a per-process singleton, and the route tests
// use node-red-node-test-helper in the mocha process).
//
// Input (env): NR_OPTIONS = JSON {adminAuth?: boolean, flows?: [...], credentials?: {...}}
// Output: one line on stdout, JSON {nodeRed, sandbox, accountSid, authToken, userDir}.
// The sandbox's account sid/token are substituted for "$ACCOUNT_SID"/"$AUTH_TOKEN"/"$SANDBOX_URL".
const fs = require('fs');
const os = require('os');
const path = require('path');
const http = require('http');

const root = path.join(__dirname, '..', '..');

async function main() {
  const options = JSON.parse(process.env.NR_OPTIONS || '{}');
  const { startSandbox, SANDBOX_DEFAULTS } = require(path.join(root, 'dist', 'sandbox', 'server.js'));
  const sandbox = await startSandbox({ port: 0 });
  const fill = (v) => JSON.parse(JSON.stringify(v)
    .split('$ACCOUNT_SID').join(SANDBOX_DEFAULTS.accountSid)
    .split('$AUTH_TOKEN').join(SANDBOX_DEFAULTS.authToken)
    .split('$SANDBOX_URL').join(sandbox.url));

  const userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nr-twilio-editor-'));
  const scope = path.join(userDir, 'node_modules', '@nr-connectors');
  fs.mkdirSync(scope, { recursive: true });
  fs.symlinkSync(root, path.join(scope, 'node-red-twilio'), 'dir');
  fs.writeFileSync(path.join(userDir, 'package.json'), JSON.stringify({ name: 'nr-user', private: true, dependencies: { '@nr-connectors/node-red-twilio': '*' } }));
  fs.writeFileSync(path.join(userDir, 'flows.json'), JSON.stringify(fill(options.flows || [])));
  fs.writeFileSync(path.join(userDir, 'flows_cred.json'), JSON.stringify(fill(options.credentials || {})));

  const settings = {
    userDir,
    flowFile: 'flows.json',
    credentialSecret: false,
    httpAdminRoot: '/',
    httpNodeRoot: '/api',
    uiHost: '127.0.0.1',
    logging: { console: { level: 'warn', metrics: false, audit: false } },
    editorTheme: { tours: false, projects: { enabled: false } },
    externalModules: { autoInstall: false, palette: { allowInstall: false } },
    telemetry: { enabled: false },
    diagnostics: { enabled: false },
  };
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
  // Node-RED's own express (4): the http-in node reaches into the parent app's router, and
  // the top-level express here is 5 (a dependency of other dev tools), which has no _router.
  const nrDir = path.dirname(require.resolve('node-red/package.json'));
  const express = require(require.resolve('express', { paths: [nrDir] }));
  const RED = require('node-red');
  const app = express();
  const server = http.createServer(app);
  RED.init(server, settings);
  app.use(settings.httpAdminRoot, RED.httpAdmin);
  app.use(settings.httpNodeRoot, RED.httpNode);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  await RED.start();
  const out = {
    nodeRed: `http://127.0.0.1:${server.address().port}`,
    sandbox: sandbox.url,
    accountSid: SANDBOX_DEFAULTS.accountSid,
    authToken: SANDBOX_DEFAULTS.authToken,
    userDir,
  };
  process.stdout.write(JSON.stringify(out) + '\n');
  const stop = async () => {
    try { await RED.stop(); } catch (e) { /* already stopping */ }
    server.close();
    await sandbox.close();
    fs.rmSync(userDir, { recursive: true, force: true });
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

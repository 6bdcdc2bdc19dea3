// A Node-RED process with its admin API and HTTP nodes (as `npm start` runs it), this package
// installed in its userDir and no flows: a test deploys through POST /flows as a user's tools
// would. Prints `LISTENING <port>`; SIGINT stops it.
const fs = require('fs');
const os = require('os');
const path = require('path');
const http = require('http');
// Node-RED's own express (4): the http in node reaches into its router, and a hoisted express 5
// (a dev tool's dependency) would break it.
const express = require(require.resolve('express', { paths: [path.dirname(require.resolve('node-red/package.json'))] }));

const root = path.join(__dirname, '..', '..');
const userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nr-twilio-admin-'));
fs.mkdirSync(path.join(userDir, 'node_modules', '@nr-connectors'), { recursive: true });
fs.symlinkSync(root, path.join(userDir, 'node_modules', '@nr-connectors', 'node-red-twilio'), 'dir');

const RED = require('node-red');
const app = express();
const server = http.createServer(app);
RED.init(server, {
  userDir, flowFile: 'flows.json', credentialSecret: false, httpAdminRoot: '/', httpNodeRoot: '/api', uiHost: '127.0.0.1',
  logging: { console: { level: 'warn', metrics: false, audit: false } }, editorTheme: { tours: false, projects: { enabled: false } },
});
app.use('/', RED.httpAdmin);
app.use('/api', RED.httpNode);

process.once('SIGINT', async () => {
  await RED.stop();
  server.close();
  fs.rmSync(userDir, { recursive: true, force: true });
  process.exit(0);
});

server.listen(0, '127.0.0.1', async () => {
  await RED.start();
  console.log(`LISTENING ${server.address().port}`);
});

// A Node-RED process embedding this package, as `npm start` does (RED.init/RED.start), for the
// close test: an inject sends three Creates to an account with maxConcurrent 1 whose sandbox
// hangs; on SIGINT it stops Node-RED as node-red's own CLI does and prints what each message
// ended with. Usage: node embedded-node-red.js <sandboxUrl> <accountSid> <authToken>
const fs = require('fs');
const os = require('os');
const path = require('path');
const http = require('http');

const [sandboxUrl, accountSid, authToken] = process.argv.slice(2);
const root = path.join(__dirname, '..', '..');
const userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nr-twilio-close-'));

// Node-RED finds node packages in <userDir>/node_modules
fs.mkdirSync(path.join(userDir, 'node_modules', '@nr-connectors'), { recursive: true });
fs.symlinkSync(root, path.join(userDir, 'node_modules', '@nr-connectors', 'node-red-twilio'), 'dir');
const create = (id) => ({
  id, type: 'twilio-create', z: 't', account: 'acc', object: 'api.v2010.Messages', sid: '', sidType: 'str',
  request: 'payload', requestType: 'msg', params: [], format: 'json', wires: [[]],
});
fs.writeFileSync(path.join(userDir, 'flows.json'), JSON.stringify([
  { id: 't', type: 'tab', label: 'close test' },
  { id: 'acc', type: 'twilio-account', name: 'sandbox', authType: 'token', baseUrl: sandboxUrl, region: '', edge: '', timeout: 60000, maxRetries: 3, retryMaxWait: 60000, maxConcurrent: 1, maxPerSecond: 0 },
  { id: 'i', type: 'inject', z: 't', props: [{ p: 'payload' }], payload: '{"To":"+15558675310","From":"+15005550006","Body":"hi"}', payloadType: 'json', once: true, onceDelay: 0.1, repeat: '', crontab: '', topic: '', wires: [['c1', 'c2', 'c3']] },
  create('c1'), create('c2'), create('c3'),
]));
fs.writeFileSync(path.join(userDir, 'flows_cred.json'), JSON.stringify({ acc: { accountSid, authToken } }));

const RED = require('node-red');
const server = http.createServer();
RED.init(server, {
  userDir, flowFile: 'flows.json', credentialSecret: false, httpAdminRoot: false, httpNodeRoot: false,
  logging: { console: { level: 'warn', metrics: false, audit: false } }, editorTheme: { tours: false, projects: { enabled: false } },
});

const done = new Map();
RED.hooks.add('onComplete', (evt) => {
  if (!/^c\d$/.test(evt.node.id)) return;
  const list = done.get(evt.node.id) || [];
  list.push(evt.error ? evt.error.code : 'ok');
  done.set(evt.node.id, list);
});

let account;
const watch = setInterval(() => {
  account = account || RED.nodes.getNode('acc');
  if (account && account.service && account.service.limiter.queued === 2) {
    console.log('queued 2');
    clearInterval(watch);
  }
}, 20);

process.once('SIGINT', async () => {
  clearInterval(watch);
  await RED.stop();
  server.close();
  const ids = ['c1', 'c2', 'c3'];
  console.log('REPORT ' + JSON.stringify({
    doneCounts: ids.map((id) => (done.get(id) || []).length),
    codes: ids.flatMap((id) => done.get(id) || []),
  }));
  fs.rmSync(userDir, { recursive: true, force: true });
  process.exit(0);
});

RED.start().catch((err) => { console.error(err); process.exit(1); });

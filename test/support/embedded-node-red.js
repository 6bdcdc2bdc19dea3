// A real Node-RED (scripts/embed-node-red, as `npm start` runs it) for the close test: an
// inject sends three Creates to an account with maxConcurrent 1 whose sandbox hangs; on SIGINT
// it stops Node-RED as node-red's own CLI does and prints what each message ended with.
// Usage: node embedded-node-red.js <sandboxUrl> <accountSid> <authToken>
const { startNodeRed } = require('../../dist/scripts/embed-node-red.js');

const [sandboxUrl, accountSid, authToken] = process.argv.slice(2);
const create = (id) => ({
  id, type: 'twilio-create', z: 't', account: 'acc', object: 'api.v2010.Messages', sid: '', sidType: 'str',
  request: 'payload', requestType: 'msg', params: [], format: 'json', wires: [[]],
});
const flows = [
  { id: 't', type: 'tab', label: 'close test' },
  { id: 'acc', type: 'twilio-account', name: 'sandbox', authType: 'token', baseUrl: sandboxUrl, region: '', edge: '', timeout: 60000, maxRetries: 3, retryMaxWait: 60000, maxConcurrent: 1, maxPerSecond: 0 },
  { id: 'i', type: 'inject', z: 't', props: [{ p: 'payload' }], payload: '{"To":"+15558675310","From":"+15005550006","Body":"hi"}', payloadType: 'json', once: true, onceDelay: 0.1, repeat: '', crontab: '', topic: '', wires: [['c1', 'c2', 'c3']] },
  create('c1'), create('c2'), create('c3'),
];

const done = new Map();
startNodeRed({ flows, credentials: { acc: { accountSid, authToken } } }).then((nr) => {
  nr.RED.hooks.add('onComplete', (evt) => {
    if (!/^c\d$/.test(evt.node.id)) return;
    const list = done.get(evt.node.id) || [];
    list.push(evt.error ? evt.error.code : 'ok');
    done.set(evt.node.id, list);
  });
  const watch = setInterval(() => {
    const account = nr.RED.nodes.getNode('acc');
    if (account && account.service && account.service.limiter.queued === 2) {
      console.log('queued 2');
      clearInterval(watch);
    }
  }, 20);
  process.once('SIGINT', async () => {
    clearInterval(watch);
    await nr.stop();
    const ids = ['c1', 'c2', 'c3'];
    console.log('REPORT ' + JSON.stringify({
      doneCounts: ids.map((id) => (done.get(id) || []).length),
      codes: ids.flatMap((id) => done.get(id) || []),
    }));
    process.exit(0);
  });
}, (err) => { console.error(err); process.exit(1); });

'use strict';
// The sandbox in its own process, so the Node-RED process's memory and CPU are the node's
// alone. Commands arrive over IPC: {id, cmd, args} → {id, result | error}.
const { startSandbox } = require('../dist/sandbox/server');

let sandbox;
const commands = {
  seed: ({ accountSid, objectId, records, count, template }) => {
    // `count` + `template` builds records here rather than shipping 20,000 over IPC.
    let recs = records;
    if (!recs) {
      const now = Date.now();
      recs = [];
      for (let i = 0; i < count; i++) {
        recs.push({
          ...template,
          body: `${template.body || 'message'} ${i}`,
          date_sent: new Date(now - i * 1000).toUTCString().replace('GMT', '+0000'),
        });
      }
    }
    return sandbox.seed(accountSid, objectId, recs).map((r) => r.sid);
  },
  reset: () => sandbox.reset(),
  inject: (fault) => sandbox.inject(fault),
  clearFaults: () => sandbox.clearFaults(),
  concurrencyLimit: ({ limit, retryAfter }) => sandbox.setConcurrencyLimit(limit, retryAfter),
  clearLog: () => sandbox.clearLog(),
  stats: () => ({ requests: sandbox.log.length, maxInFlight: sandbox.maxInFlight, statuses: countStatuses() }),
  close: async () => { await sandbox.close(); setImmediate(() => process.exit(0)); },
};

function countStatuses() {
  const out = {};
  for (const e of sandbox.log) out[e.status] = (out[e.status] || 0) + 1;
  return out;
}

process.on('message', async ({ id, cmd, args }) => {
  try {
    const result = await commands[cmd](args || {});
    process.send({ id, result });
  } catch (e) {
    process.send({ id, error: e.message });
  }
});
// Never outlive the bench.
process.on('disconnect', () => process.exit(0));

startSandbox({ port: 0 }).then((sb) => {
  sandbox = sb;
  process.send({ ready: sb.url });
}, (e) => {
  console.error(e);
  process.exit(1);
});

// Deploys flows to an embedded Node-RED (scripts/embed-node-red) through its admin API, as
// the editor does (credentials inline on the config node), and records what nodes send.
async function deployFlows(nr, flows) {
  const started = new Promise((resolve) => nr.RED.events.once('flows:started', resolve));
  const res = await fetch(`${nr.url}/flows`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'Node-RED-Deployment-Type': 'full' },
    body: JSON.stringify(flows),
  });
  if (res.status !== 204 && res.status !== 200) throw new Error(`deploy answered ${res.status}: ${await res.text()}`);
  await started;
}

/** Every message a node sends, by node id (RED.hooks onSend), until stop(). */
function recordSends(nr) {
  const sent = new Map();
  const name = `rec${Date.now()}${Math.random().toString(36).slice(2)}`;
  nr.RED.hooks.add(`onSend.${name}`, (events) => {
    for (const e of events) {
      const list = sent.get(e.source.id) || [];
      list.push(nr.RED.util.cloneMessage(e.msg)); // the next node may change the object
      sent.set(e.source.id, list);
    }
  });
  // Every log entry a node writes (warn, error, debug), with the node id.
  const logs = [];
  const handler = new (require('events').EventEmitter)();
  handler.on('log', (m) => { if (m.id) logs.push({ id: m.id, level: m.level, text: String(m.msg && m.msg.message ? m.msg.message : m.msg) }); });
  nr.RED.log.addHandler(handler);
  return {
    of: (id) => sent.get(id) || [],
    logsOf: (id) => logs.filter((l) => l.id === id),
    clear: () => { sent.clear(); logs.length = 0; },
    stop: () => { nr.RED.hooks.remove(`*.${name}`); nr.RED.log.removeHandler(handler); },
  };
}

module.exports = { deployFlows, recordSends };

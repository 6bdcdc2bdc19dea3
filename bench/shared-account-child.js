'use strict';
// One of the Node-RED processes sharing an account (the `shared-account` row): embeds
// Node-RED with a twilio-create node on an account at its defaults, then on {go: {url,
// accountSid, authToken, n, prefix, window}} pushes n creates through it and replies with
// {startedAt, endedAt, failures, firstError} (wall-clock ms, comparable across processes).
const { startNodeRed } = require('./harness');
const { createFlows } = require('./flows');
const { runNodeOps } = require('./measure');

let nr;
process.on('message', async ({ deploy, go }) => {
  try {
    if (deploy) {
      nr = await startNodeRed();
      await nr.deploy(createFlows(deploy));
      return process.send({ ready: true });
    }
    const startedAt = Date.now();
    const check = (msg) => (msg.twilio && msg.twilio.statusCode === 201 ? undefined : new Error('create: no 201'));
    const r = await runNodeOps('src-create-node', go.n, go.window,
      (i) => ({ payload: { To: '+13115550100', From: '+15005550006', Body: `${go.prefix}-${i}` } }), check, 600000, { tolerate: true });
    process.send({ done: { startedAt, endedAt: Date.now(), failures: r.errors, firstError: r.firstError } });
  } catch (e) {
    process.send({ error: e.message });
  }
});
process.on('disconnect', () => {
  const stop = nr ? nr.stop() : Promise.resolve();
  stop.finally(() => process.exit(0));
});

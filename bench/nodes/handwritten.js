'use strict';
// The hand-written baselines (bench only, deliberately not optimised): what a user would write
// around the twilio SDK in their own Node-RED node. docs/benchmarks.md compares the package's
// nodes against them. Config: url (the sandbox), accountSid, authToken; create/get: concurrency.
module.exports = function (RED) {
  const twilio = require('twilio');
  function clientFor(config) {
    class SandboxClient extends twilio.RequestClient {
      request(opts) {
        return super.request({ ...opts, uri: opts.uri.replace('https://api.twilio.com', config.url) });
      }
    }
    return twilio(config.accountSid, config.authToken, { httpClient: new SandboxClient({ keepAlive: true }), env: {} });
  }

  // Query: every page of Messages, one message per record, parts for a join node.
  RED.nodes.registerType('handwritten-query', function (config) {
    RED.nodes.createNode(this, config);
    this.on('input', async (msg, send, done) => {
      try {
        const client = clientFor(config);
        const { payload: _drop, ...base } = msg;
        const partsId = RED.util.generateId();
        let uri = `https://api.twilio.com/2010-04-01/Accounts/${config.accountSid}/Messages.json?PageSize=1000`;
        let index = 0;
        while (uri) {
          const res = await client.request({ method: 'get', uri });
          const page = typeof res.body === 'string' ? JSON.parse(res.body) : res.body; // the SDK's axios may have parsed it
          page.messages.forEach((record, i) => {
            const out = RED.util.cloneMessage(base);
            out.payload = record;
            out.parts = { id: partsId, type: 'array', index: index++ };
            if (!page.next_page_uri && i === page.messages.length - 1) out.parts.count = index;
            send(out);
          });
          uri = page.next_page_uri ? 'https://api.twilio.com' + page.next_page_uri : null;
        }
        done();
      } catch (err) {
        done(err);
      }
    });
  });

  // Get and Create: one SDK call per message, at most `concurrency` in flight.
  function bounded(call) {
    return function (config) {
      RED.nodes.createNode(this, config);
      const client = clientFor(config);
      const limit = Number(config.concurrency) || 1;
      let active = 0;
      const queue = [];
      const next = () => {
        if (active >= limit || !queue.length) return;
        const { msg, send, done } = queue.shift();
        active++;
        call(client, msg).then((record) => {
          msg.payload = record.toJSON();
          send(msg);
          done();
        }, done).finally(() => { active--; next(); });
      };
      this.on('input', (msg, send, done) => { queue.push({ msg, send, done }); next(); });
    };
  }
  RED.nodes.registerType('handwritten-get', bounded((client, msg) => client.messages(msg.sid).fetch()));
  RED.nodes.registerType('handwritten-create', bounded((client, msg) => client.messages.create(msg.payload)));
};

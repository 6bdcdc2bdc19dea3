'use strict';
// The flows the bench deploys into its embedded Node-RED: the package's nodes and the
// hand-written baselines (bench/nodes/handwritten.js) side by side, wired to the same sink.
const PAGE_SIZE = 1000;

function account(id, sandbox, extra = {}) {
  return {
    id, type: 'twilio-account', name: `bench ${id}`, authType: 'token', baseUrl: sandbox.url, region: '', edge: '',
    timeout: 30000, maxRetries: 3, retryMaxWait: 60000, maxConcurrent: 10, maxPerSecond: 0, ...extra,
    credentials: { accountSid: sandbox.accountSid, authToken: sandbox.authToken },
  };
}

const common = (z) => ({ z, errorOutput: false, tracking: 'none', fields: [] });

function query(z, id, accountId, { limit = 0, format = 'json', outputMode = 'record' } = {}) {
  return {
    id, type: 'twilio-query', ...common(z), account: accountId, object: 'api.v2010.Messages', sid: '', sidType: 'str',
    format, dates: 'rfc2822', filters: [], limit, pageSize: PAGE_SIZE, outputMode, wires: [['sink']],
  };
}

function inject(z, id, to) {
  return { id, type: 'inject', z, name: '', props: [{ p: 'payload' }, { p: 'topic', vt: 'str' }], payload: '', payloadType: 'date', topic: 'bench', repeat: '', once: false, wires: [[to]] };
}

/** Everything the main bench process needs; `sandbox` = {url, accountSid, authToken}. */
function mainFlows(sandbox, { xmlN }) {
  const z = 'bench-tab';
  const hand = { url: sandbox.url, accountSid: sandbox.accountSid, authToken: sandbox.authToken, z, wires: [['sink']] };
  const flows = [
    { id: z, type: 'tab', label: 'bench' },
    account('acc', sandbox),
    account('acc-16', sandbox, { maxConcurrent: 16 }),
    // Query: the node and the hand-written node, same inject shape, same sink.
    inject(z, 'inj-node-q', 'node-q'), query(z, 'node-q', 'acc'),
    inject(z, 'inj-hand-q', 'hand-q'), { id: 'hand-q', type: 'handwritten-query', ...hand },
    inject(z, 'inj-json', 'q-json'), query(z, 'q-json', 'acc', { limit: xmlN }),
    inject(z, 'inj-xml', 'q-xml'), query(z, 'q-xml', 'acc', { limit: xmlN, format: 'xml' }),
    // Create at maxConcurrent 16, and the hand-written create with the same bound.
    { id: 'src-create-node', type: 'bench-source', z, wires: [['create-node']] },
    { id: 'create-node', type: 'twilio-create', ...common(z), account: 'acc-16', object: 'api.v2010.Messages', sid: '', sidType: 'str',
      request: 'payload', requestType: 'msg', params: [], format: 'json', dates: 'rfc2822', wires: [['sink']] },
    { id: 'src-create-hand', type: 'bench-source', z, wires: [['create-hand']] },
    { id: 'create-hand', type: 'handwritten-create', concurrency: 16, ...hand },
    // Sequential Gets.
    { id: 'src-get-node', type: 'bench-source', z, wires: [['get-node']] },
    { id: 'get-node', type: 'twilio-get', ...common(z), account: 'acc', object: 'api.v2010.Messages', sid: 'sid', sidType: 'msg',
      format: 'json', dates: 'rfc2822', wires: [['sink']] },
    { id: 'src-get-hand', type: 'bench-source', z, wires: [['get-hand']] },
    { id: 'get-hand', type: 'handwritten-get', concurrency: 1, ...hand },
    { id: 'sink', type: 'bench-sink', z, wires: [] },
    { id: 'catch-all', type: 'catch', z, scope: null, uncaught: false, wires: [['sink-err']] },
    { id: 'sink-err', type: 'bench-sink', z, wires: [] },
  ];
  return flows;
}

/** One create node on an account at its defaults (the shared-account processes). */
function createFlows(sandbox) {
  const z = 'shared-tab';
  return [
    { id: z, type: 'tab', label: 'shared' },
    account('acc', sandbox),
    { id: 'src-create-node', type: 'bench-source', z, wires: [['create-node']] },
    { id: 'create-node', type: 'twilio-create', ...common(z), account: 'acc', object: 'api.v2010.Messages', sid: '', sidType: 'str',
      request: 'payload', requestType: 'msg', params: [], format: 'json', dates: 'rfc2822', wires: [['sink']] },
    { id: 'sink', type: 'bench-sink', z, wires: [] },
    { id: 'catch-all', type: 'catch', z, scope: null, uncaught: false, wires: [['sink-err']] },
    { id: 'sink-err', type: 'bench-sink', z, wires: [] },
  ];
}

module.exports = { PAGE_SIZE, account, query, inject, mainFlows, createFlows };

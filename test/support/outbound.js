// What the Create/Update/Delete tests share: an action node's flow (outputs, a catch node),
// and values generated from the catalog alone for "every operation" loops.
const h = require('./harness');
const { loadCatalog } = require('../../dist/nodes/catalog/catalog.js');
const samples = require('./samples');

const catalog = loadCatalog();

/** A flow: one action node wired to `out` (and `err` for output 2), a catch node into `caught`. */
function actionFlow(sandbox, type, props = {}, accountExtra = {}) {
  const action = type.replace('twilio-', '');
  const defaults = {
    id: 'node', type, account: 'acc', format: 'json', dates: 'rfc2822', errorOutput: false, tracking: 'none', fields: [],
    sid: '', sidType: 'str', wires: [['out'], ['err']],
  };
  if (action !== 'delete') Object.assign(defaults, { request: 'payload', requestType: 'msg', params: [] });
  return [
    h.account(sandbox, accountExtra),
    { ...defaults, ...props },
    { id: 'out', type: 'helper' },
    { id: 'err', type: 'helper' },
    { id: 'catcher', type: 'catch', scope: null, uncaught: false, wires: [['caught']] },
    { id: 'caught', type: 'helper' },
  ];
}

/** Sends one message into a loaded node and resolves with what came out: {out} or {error}. */
function outcome(helper, msg, nodeId = 'node', timeoutMs = 10000) {
  return new Promise((resolve, reject) => {
    const out = helper.getNode('out');
    const caught = helper.getNode('caught');
    const timer = setTimeout(() => reject(new Error('no outcome')), timeoutMs);
    const onOut = (m) => { cleanup(); resolve({ out: m }); };
    const onCaught = (m) => { cleanup(); resolve({ error: m.error, msg: m }); };
    function cleanup() {
      clearTimeout(timer);
      out.removeListener('input', onOut);
      caught.removeListener('input', onCaught);
    }
    out.on('input', onOut);
    caught.on('input', onCaught);
    helper.getNode(nodeId).receive(msg);
  });
}

/** A fresh Sid for a pattern such as `^CA[0-9a-fA-F]{32}$`; undefined for pattern-less parts. */
function sidFromPattern(pattern) {
  const hex = Array.from({ length: 32 }, () => '0123456789abcdef'[Math.floor(Math.random() * 16)]).join('');
  try {
    return samples.sidFromPattern(pattern, hex);
  } catch {
    return undefined;
  }
}

/** The pattern a chain part has anywhere in the catalog (a Create's ConferenceSid has none). */
function patternForPart(name) {
  for (const o of Object.values(catalog.objects)) {
    for (const op of Object.values(o.actions)) {
      const p = op.chain.find((c) => c.name === name && c.pattern);
      if (p) return p.pattern;
    }
  }
  return undefined;
}

function chainValue(part) {
  const pattern = part.pattern || patternForPart(part.name);
  if (pattern) return sidFromPattern(pattern);
  if (part.name === 'CountryCode') return 'US';
  throw new Error(`no value for chain part ${part.name}`);
}

const { sampleValue } = samples;

/** Required parameters plus the first member of each "at least one of" group. */
function sampleDocument(op) {
  return samples.sampleParams({ op, key: op.operationId });
}

/** Every catalog operation of an action: [{id, obj, op}]. */
function operations(action) {
  return Object.values(catalog.objects)
    .filter((o) => o.actions[action])
    .map((o) => ({ id: o.id, obj: o, op: o.actions[action] }));
}

function schemaOf(op) {
  return op.response ? catalog.schemas[op.response] : undefined;
}

module.exports = { catalog, actionFlow, outcome, sidFromPattern, chainValue, sampleValue, sampleDocument, operations, schemaOf };

/** The sandbox's record at a path, read over plain HTTP as Twilio's REST API would be. */
async function fetchRecord(sandbox, path, user = h.ACCOUNT_SID, pass = h.AUTH_TOKEN) {
  const res = await fetch(sandbox.url + path, {
    headers: { Authorization: 'Basic ' + Buffer.from(`${user}:${pass}`).toString('base64') },
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

const api = (path, account = h.ACCOUNT_SID) => `/2010-04-01/Accounts/${account}${path}`;

module.exports.fetchRecord = fetchRecord;
module.exports.api = api;

/**
 * Every message's outcomes at nodes whose id starts with "n", by _msgid, through Node-RED's
 * onComplete hook: a test proves each message ended exactly once.
 */
function completions(helper, tag = 'outcomeTest') {
  const byMsg = new Map();
  const hooks = helper._RED.hooks;
  hooks.add(`onComplete.${tag}`, (evt) => {
    if (!evt.node.id.startsWith('n')) return;
    const list = byMsg.get(evt.msg._msgid) || [];
    list.push({ node: evt.node.id, error: evt.error, msg: evt.msg, at: Date.now() });
    byMsg.set(evt.msg._msgid, list);
  });
  return { byMsg, remove: () => hooks.remove(`*.${tag}`) };
}
module.exports.completions = completions;

// The editor's files agree with each other and with the runtime: every node's .html loads the
// shared editor code and registers its type with the documented defaults; every text the
// shared code asks for exists in the message catalogs; every node has help.
const assert = require('assert');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..', '..');
const ACTIONS = ['get', 'query', 'create', 'update', 'delete'];
const read = (p) => fs.readFileSync(path.join(root, p), 'utf8');
const catalog = (name) => JSON.parse(read(`locales/en-US/${name}.json`));

function lookup(tree, key) {
  return key.split('.').reduce((node, k) => (node && typeof node === 'object' ? node[k] : undefined), tree);
}

// the defaults each action node stores (DESIGN §1), besides name/account/object/format/errorOutput/tracking
const PROPERTIES = {
  get: ['sid', 'sidType', 'dates', 'fields', 'content', 'contentLimit'],
  query: ['sid', 'sidType', 'dates', 'fields', 'filters', 'limit', 'pageSize', 'outputMode'],
  create: ['sid', 'sidType', 'request', 'requestType', 'dates', 'fields', 'params'],
  update: ['sid', 'sidType', 'request', 'requestType', 'dates', 'fields', 'params'],
  delete: ['sid', 'sidType'],
};

describe('editor assets', function () {
  for (const action of ACTIONS) {
    it(`twilio-${action}.html loads the shared code once and stores exactly its properties`, function () {
      const html = read(`nodes/twilio-${action}.html`);
      assert.match(html, /<script src="resources\/@nr-connectors\/node-red-twilio\/twilio-editor\.js"><\/script>/);
      assert.match(html, new RegExp(`registerType\\('twilio-${action}', TwilioEditor\\.actionNode\\('${action}'`));
      const props = [...html.matchAll(/^\s{6}(\w+): \{/gm)].map((m) => m[1]);
      const expected = ['name', 'account', 'object', ...PROPERTIES[action], 'format', 'errorOutput', 'outputs', 'tracking'];
      assert.deepStrictEqual(props.sort(), expected.sort());
      const texts = catalog(`twilio-${action}`)[`twilio-${action}`];
      for (const k of ['paletteLabel', 'verb', 'inputLabel', 'outputLabel']) assert.ok(texts[k], `${action}: ${k}`);
    });
  }

  it('twilio-account.html declares the config properties and credentials', function () {
    const html = read('nodes/twilio-account.html');
    for (const p of ['name', 'authType', 'region', 'edge', 'baseUrl', 'timeout', 'maxRetries', 'retryMaxWait', 'maxConcurrent', 'maxPerSecond']) {
      assert.match(html, new RegExp(`\\b${p}: \\{`), p);
    }
    assert.match(html, /authToken: \{ type: 'password' \}/);
    assert.match(html, /apiKeySecret: \{ type: 'password' \}/);
  });

  it('every shared text the editor code names exists in twilio-account.json', function () {
    const js = read('resources/twilio-editor.js');
    const shared = catalog('twilio-account');
    const keys = new Set();
    for (const m of js.matchAll(/\bt\('([\w.]+)'/g)) keys.add(`editor.${m[1]}`);
    for (const m of js.matchAll(/\bta\('([\w.]+)'/g)) keys.add(`twilio-account.${m[1]}`);
    for (const m of js.matchAll(/i18nAttr\('([\w.-]+)'\)/g)) keys.add(m[1]);
    for (const m of js.matchAll(/\brow\('[\w-]+', '(\w+)'/g)) keys.add(`editor.label.${m[1]}`);
    for (const m of js.matchAll(/crow\('[\w-]+', '(\w+)'/g)) keys.add(`twilio-account.label.${m[1]}`);
    for (const m of js.matchAll(/selectOptions\('(\w+)', \[([^\]]+)\]\)/g)) {
      for (const v of m[2].match(/'(\w+)'/g)) keys.add(`editor.${m[1]}.${v.slice(1, -1)}`);
    }
    for (const op of ['eq', 'before', 'on', 'after']) keys.add(`editor.ops.${op}`);
    for (const kind of ['request', 'response']) keys.add(`editor.label.${kind}Profile`);
    for (const op of ['before', 'on', 'after']) keys.add(`editor.hints.dateOp.${op}`);
    for (const k of ['unknownParams', 'unknownFilters']) keys.add(`editor.errors.${k}`);
    for (const k of ['unreachable', 'refused']) keys.add(`twilio-account.test.${k}`);
    // keys built at run time (t('ops.' + op), t('hints.dateOp.' + op), …) are listed explicitly above
    const missing = [...keys].filter((k) => !k.endsWith('.') && typeof lookup(shared, k) !== 'string');
    assert.deepStrictEqual(missing, []);
    assert.ok(keys.size > 60, `checked ${keys.size} keys`);
  });

  it('every admin route error text exists', function () {
    const ts = read('nodes/admin/routes.ts') + read('nodes/admin/connection-test.ts');
    const admin = catalog('twilio-account').admin.errors;
    const keys = new Set([...ts.matchAll(/sendError\(res, \d+, '(\w+)'/g), ...ts.matchAll(/ConnectionTestError\(\d+, '(\w+)'/g)].map((m) => m[1]));
    assert.ok(keys.size >= 8);
    for (const k of keys) assert.ok(admin[k], k);
  });

  it('every node has help with Inputs/Outputs/Details/References in Node-RED style', function () {
    for (const type of ['twilio-account', ...ACTIONS.map((a) => `twilio-${a}`)]) {
      const html = read(`locales/en-US/${type}.html`);
      assert.match(html, new RegExp(`<script type="text/html" data-help-name="${type}">`));
      const sections = type === 'twilio-account' ? ['Details', 'References'] : ['Inputs', 'Outputs', 'Details', 'References'];
      for (const s of sections) assert.match(html, new RegExp(`<h3>${s}</h3>`), `${type}: ${s}`);
    }
  });

  it('the icon is a white-on-transparent SVG', function () {
    const svg = read('icons/twilio.svg');
    assert.match(svg, /^<svg[^>]+viewBox="0 0 40 60"/);
    assert.ok(!/fill="#(?!fff)/i.test(svg), 'white only');
  });
});

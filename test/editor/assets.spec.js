// The editor's files agree with each other and with the runtime: every node's .html loads the
// shared editor code (editor/, bundled at build) and registers its type with the documented defaults; every text the
// shared code asks for exists in the message catalogs; every node has help (help/en-US/*.md,
// assembled into dist/ by scripts/build-help.ts: run `npm run build` first).
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
  get: ['sid', 'sidType', 'request', 'requestType', 'params', 'dates', 'fields', 'revealCredentials', 'content', 'contentLimit'],
  query: ['sid', 'sidType', 'dates', 'fields', 'filters', 'limit', 'pageSize', 'outputMode', 'revealCredentials'],
  create: ['sid', 'sidType', 'request', 'requestType', 'dates', 'fields', 'params'],
  update: ['sid', 'sidType', 'request', 'requestType', 'dates', 'fields', 'params'],
  delete: ['sid', 'sidType', 'request', 'requestType', 'params'],
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

  it('the account node declares its credentials, and its numeric defaults come from the runtime\'s one table', function () {
    const html = read('nodes/twilio-account.html');
    assert.match(html, /authToken: \{ type: 'password' \}/);
    assert.match(html, /apiKeySecret: \{ type: 'password' \}/);
    const { ACCOUNT_DEFAULTS } = require(path.join(root, 'dist/nodes/twilio/account-defaults.js'));
    assert.strictEqual(require(path.join(root, 'dist/nodes/twilio/account-service.js')).ACCOUNT_DEFAULTS, ACCOUNT_DEFAULTS, 'the runtime uses the table');
    const dialog = read('editor/account-dialog.js');
    assert.match(dialog, /import \{ ACCOUNT_DEFAULTS \} from '\.\.\/nodes\/twilio\/account-defaults'/, 'the editor imports the table');
    for (const p of ['name', 'authType', 'region', 'edge', 'baseUrl']) assert.match(dialog, new RegExp(`\\b${p}: \\{ value:`), p);
    // no copy of a default anywhere else in the editor
    const editorSources = fs.readdirSync(path.join(root, 'editor')).map((f) => read(`editor/${f}`)).join('\n') + html;
    for (const [k, v] of Object.entries(ACCOUNT_DEFAULTS)) {
      assert.doesNotMatch(editorSources, new RegExp(`\\b${k}\\b[^\\n]*\\b${v}\\b`), `${k}'s default ${v} is written once`);
    }
    // and the bundle carries the table's values
    const bundled = /var ACCOUNT_DEFAULTS = (\{[^}]+\})/.exec(read('resources/twilio-editor.js'));
    assert.deepStrictEqual(Function(`return ${bundled[1]}`)(), ACCOUNT_DEFAULTS);
  });

  it('the five action nodes get the one dialog template, with only their sections', function () {
    for (const action of ACTIONS) {
      const html = read(`dist/nodes/twilio-${action}.html`);
      assert.strictEqual((html.match(/<script type="text\/html" data-template-name="twilio-\w+">/g) || []).length, 1);
      assert.match(html, new RegExp(`data-template-name="twilio-${action}"`));
      assert.doesNotMatch(html, /<!-- (include|when|end)|__TYPE__|__ACTION__/);
      // Get and Delete: query parameters (shown for an object whose operation takes some)
      assert.strictEqual(html.includes('class="twilio-params"'), action !== 'query', `${action}: parameters`);
      assert.strictEqual(html.includes('class="twilio-filters"'), action === 'query', `${action}: filters`);
      assert.strictEqual(html.includes('id="node-input-dates"'), action !== 'delete', `${action}: dates`);
    }
  });

  it('every shared text the editor code and markup name exists in twilio-account.json', function () {
    const js = fs.readdirSync(path.join(root, 'editor')).filter((f) => f.endsWith('.js')).map((f) => read(`editor/${f}`)).join('\n');
    const markup = read('editor/action-dialog.html') + read('nodes/twilio-account.html');
    const shared = catalog('twilio-account');
    const keys = new Set();
    for (const m of js.matchAll(/\bt\('([\w.]+)'/g)) keys.add(`editor.${m[1]}`);
    for (const m of js.matchAll(/\bta\('([\w.]+)'/g)) keys.add(`twilio-account.${m[1]}`);
    for (const m of js.matchAll(/'(label\.add\w+)'/g)) keys.add(`editor.${m[1]}`);
    const I18N = /data-i18n="(?:\[\w+\])?@nr-connectors\/node-red-twilio\/twilio-account:([\w.-]+)"/g;
    for (const m of markup.matchAll(I18N)) keys.add(m[1]);
    assert.doesNotMatch(markup.replace(I18N, ''), /data-i18n/, 'every data-i18n names the shared catalog');
    for (const op of ['eq', 'before', 'on', 'after']) keys.add(`editor.ops.${op}`);
    for (const kind of ['request', 'response']) keys.add(`editor.label.${kind}Profile`).add(`editor.label.${kind}ProfileJson`);
    for (const k of ['params', 'queryParams']) keys.add(`editor.hints.${k}`);
    for (const op of ['before', 'on', 'after']) keys.add(`editor.hints.dateOp.${op}`);
    for (const k of ['unknownParams', 'unknownFilters']) keys.add(`editor.errors.${k}`);
    for (const k of ['unreachable', 'refused']) keys.add(`twilio-account.test.${k}`);
    // keys built at run time (t('ops.' + op), t('hints.dateOp.' + op), …) are listed explicitly above
    const missing = [...keys].filter((k) => !k.endsWith('.') && typeof lookup(shared, k) !== 'string');
    assert.deepStrictEqual(missing, []);
    assert.ok(keys.size > 60, `checked ${keys.size} keys`);
  });

  it('no editor function runs past ~80 lines', function () {
    for (const f of fs.readdirSync(path.join(root, 'editor')).filter((n) => n.endsWith('.js'))) {
      const lines = read(`editor/${f}`).split('\n');
      let start = null;
      lines.forEach((line, i) => {
        if (/^(export )?function /.test(line)) start = i;
        if (start !== null && line === '}') {
          assert.ok(i - start <= 80, `${f}: the function at line ${start + 1} has ${i - start} lines`);
          start = null;
        }
      });
    }
  });

  it('every admin route error text exists', function () {
    const ts = read('nodes/admin/routes.ts') + read('nodes/admin/connection-test.ts');
    const admin = catalog('twilio-account').admin.errors;
    const keys = new Set([...ts.matchAll(/sendError\(res, \d+, '(\w+)'/g), ...ts.matchAll(/ConnectionTestError\(\d+, '(\w+)'/g)].map((m) => m[1]));
    assert.ok(keys.size >= 8);
    for (const k of keys) assert.ok(admin[k], k);
  });

  it('every node has Markdown help, assembled at build with every fragment resolved, in Node-RED style', function () {
    const fragments = fs.readdirSync(path.join(root, 'help/en-US/fragments')).map((f) => f.replace(/\.md$/, ''));
    const used = new Set();
    for (const type of ['twilio-account', ...ACTIONS.map((a) => `twilio-${a}`)]) {
      assert.ok(!fs.existsSync(path.join(root, `locales/en-US/${type}.html`)), `${type}: help written once, in help/en-US/${type}.md`);
      for (const m of read(`help/en-US/${type}.md`).matchAll(/^\{\{> ([\w-]+)\}\}$/gm)) used.add(m[1]);
      const html = read(`dist/nodes/locales/en-US/${type}.html`);
      assert.match(html, new RegExp(`^<script type="text/markdown" data-help-name="${type}">\n`));
      assert.doesNotMatch(html, /\{\{/, `${type}: every include resolved`);
      const sections = type === 'twilio-account' ? ['Details', 'References'] : ['Inputs', 'Outputs', 'Details', 'References'];
      for (const s of sections) assert.match(html, new RegExp(`^### ${s}$`, 'm'), `${type}: ${s}`);
      // Node-RED reads ":…(…)…:" anywhere in a line as a message property, which eats prose; code spans are safe
      for (const line of html.split('\n').filter((l) => !l.startsWith(': '))) {
        assert.doesNotMatch(line.replace(/`[^`]*`/g, '``'), /:[^:\n]+\([^:\n]+\).*:[^:\n]*$/, `${type}: prose Node-RED would read as a property: ${line}`);
      }
      // Node-RED's message-property syntax is ": name (type) : text" with no other colon on the line
      for (const line of html.split('\n').filter((l) => l.startsWith(': '))) {
        assert.match(line, /^: [^:(]+ \([^:)]+\) : [^:]+$/, `${type}: a property line Node-RED can render: ${line}`);
      }
      if (type !== 'twilio-account') {
        assert.match(html, /Node-RED log at \*info\* level/, `${type}: says where tracking goes`);
        assert.doesNotMatch(html, /\bReload\b|\bImport(ed)?\b/, `${type}: Node-RED's words, not another platform's`);
      }
    }
    for (const m of fragments.map((f) => read(`help/en-US/fragments/${f}.md`)).join('\n').matchAll(/^\{\{> ([\w-]+)\}\}$/gm)) used.add(m[1]);
    assert.deepStrictEqual(fragments.filter((f) => !used.has(f)), [], 'every fragment is used');
    // the tracking fragment quotes the runtime's own line format
    const runtime = catalog('twilio-account').runtime.tracking;
    const help = read('help/en-US/fragments/tracking.md');
    assert.ok(help.includes(runtime.input.replace('__object__ __action__ sid=__sid__', '<object> <action> sid=<Sid chain>')), 'input line format');
    assert.ok(help.includes(runtime.output.replace('__object__ __action__ sid=__sid__ status=__status__', '<object> <action> sid=<Sid chain> status=<HTTP status or error code>')), 'output line format');
  });

  it('findable: palette labels say twilio, and package keywords name what people search for', function () {
    for (const action of ACTIONS) assert.match(catalog(`twilio-${action}`)[`twilio-${action}`].paletteLabel, /^twilio \w+$/);
    const pkg = JSON.parse(read('package.json'));
    for (const k of ['node-red', 'twilio', 'sms', 'whatsapp', 'voice', 'call']) assert.ok(pkg.keywords.includes(k), k);
  });

  it('the icon is a white-on-transparent SVG', function () {
    const svg = read('icons/twilio.svg');
    assert.match(svg, /^<svg[^>]+viewBox="0 0 40 60"/);
    assert.ok(!/fill="#(?!fff)/i.test(svg), 'white only');
  });
});

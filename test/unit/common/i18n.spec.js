// Runtime texts come through RED._ (so the runtime's language reaches them), and from the
// en-US catalog file when RED._ hands back the key or before RED is known.
const assert = require('assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const i18n = require('../../../dist/nodes/common/i18n.js');
const h = require('../../support/harness');

const { helper } = h;
const en = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../locales/en-US/twilio-account.json'), 'utf8'));

/** A RED._ over message catalogs as Node-RED keeps them: "namespace:section.key", __var__ filled in. */
function catalogRuntime(catalogs) {
  return {
    _(full, vars = {}) {
      const [ns, key] = full.split(':');
      let node = catalogs[ns];
      for (const k of key.split('.')) node = node && typeof node === 'object' ? node[k] : undefined;
      return typeof node === 'string' ? node.replace(/__(\w+)__/g, (m, v) => (v in vars ? String(vars[v]) : m)) : key;
    },
  };
}

describe('i18n: runtime texts', function () {
  afterEach(() => i18n.useRuntime(undefined));

  it('reads the en-US catalog file before RED is known, filling in __vars__', function () {
    i18n.useRuntime(undefined);
    assert.strictEqual(i18n.t('errors.sidEmpty', { part: 'CallSid', expected: 'CallSid' }),
      en.runtime.errors.sidEmpty.replace('__part__', 'CallSid').replace('__expected__', 'CallSid'));
  });

  it('falls back to the file when RED._ hands back the key (the test helper does)', function () {
    i18n.useRuntime({ _: (key) => key });
    assert.strictEqual(i18n.t('status.busy', { inFlight: 1, queued: 2 }),
      en.runtime.status.busy.replace('__inFlight__', '1').replace('__queued__', '2'));
    i18n.useRuntime({ _: (key) => key.split(':')[1] });
    assert.strictEqual(i18n.t('errors.closing'), en.runtime.errors.closing);
  });

  it('asks RED._ in the account node\'s namespace, for runtime and admin texts alike', function () {
    const asked = [];
    i18n.useRuntime({ _: (key) => { asked.push(key); return 'übersetzt'; } });
    assert.strictEqual(i18n.t('errors.closing'), 'übersetzt');
    assert.strictEqual(i18n.catalogSection('admin')('anything'), 'übersetzt');
    assert.deepStrictEqual(asked, [`${i18n.NAMESPACE}:runtime.errors.closing`, `${i18n.NAMESPACE}:admin.anything`]);
  });

  describe('a second locale through a deployed node', function () {
    let dir;
    before(function () {
      // A temporary German catalog: one runtime error translated, the rest left to en-US.
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nr-twilio-i18n-'));
      const de = { runtime: { errors: { sidCount: 'Die Sid-Kette "__value__" hat __count__ Teil(e); __object__ erwartet __expected__' } } };
      fs.mkdirSync(path.join(dir, 'de'));
      fs.writeFileSync(path.join(dir, 'de', 'twilio-account.json'), JSON.stringify(de));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));
    beforeEach(function (done) { helper.startServer(done); });
    afterEach(async function () { await helper.unload(); await new Promise((r) => helper.stopServer(r)); });

    it('a runtime error reaches the catch node in the runtime\'s language', async function () {
      const flow = [
        h.account({ url: 'http://127.0.0.1:9' }),
        { id: 'get', type: 'twilio-get', account: 'acc', object: 'api.v2010.Calls', sid: 'sid', sidType: 'msg', format: 'json', dates: 'rfc2822', errorOutput: false, tracking: 'none', fields: [], wires: [[], []] },
        { id: 'catcher', type: 'catch', scope: null, uncaught: false, wires: [['caught']] },
        { id: 'caught', type: 'helper' },
      ];
      await h.load(flow);
      const de = JSON.parse(fs.readFileSync(path.join(dir, 'de', 'twilio-account.json'), 'utf8'));
      // The deployed account node set the helper's RED; Node-RED with lang "de" answers like this.
      i18n.useRuntime(catalogRuntime({ [i18n.NAMESPACE]: de }));
      const caught = h.receive(helper.getNode('caught'));
      helper.getNode('get').receive({ sid: ['a', 'b', 'c'].map((c) => 'CA' + c.repeat(32)).join(':') });
      const msg = await caught;
      assert.match(msg.error.message, /^Die Sid-Kette "CA[a-f0-9]{32}:CA[^"]+" hat 3 Teil\(e\); \S+ erwartet \[AccountSid:\]CallSid$/);
      // A text the German catalog lacks is still English, not a key.
      assert.strictEqual(i18n.t('errors.closing'), en.runtime.errors.closing);
    });
  });
});

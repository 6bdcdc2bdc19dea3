// The examples a user searches for (WhatsApp, today's messages to CSV, calls as XML, today's
// voicemails to files), deployed against the sandbox as imported: only the account node
// changes (sandbox URL, credentials); debug nodes become helper nodes; file paths go to a
// temporary folder. Then what they wrote or showed is checked.
const assert = require('assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const h = require('../support/harness');


const { helper } = h;
const core = (p) => require(require.resolve(`@node-red/nodes/core/${p}`));
const NODES = [...h.NODES, core('common/90-comment.js'), core('parsers/70-CSV.js'), core('storage/10-file.js')];
const dir = path.join(__dirname, '..', '..', 'examples');
const rfc2822 = (ms) => new Date(ms).toUTCString().replace('GMT', '+0000');

function exampleFlow(sandbox, file, tmp) {
  const nodes = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  const tab = nodes.find((n) => n.type === 'tab').id;
  return [h.account(sandbox), ...nodes.filter((n) => n.type !== 'twilio-account').map((n) => {
    if (n.type === 'debug') return { id: n.id, z: n.z, type: 'helper', name: n.name };
    if (n.type === 'file' && n.filenameType === 'str') return { ...n, filename: path.join(tmp, n.filename) };
    if (n.type === 'change') {
      // "voicemails/" & filename → "<tmp>/voicemails/" & filename
      return { ...n, rules: n.rules.map((r) => (r.tot === 'jsonata' ? { ...r, to: r.to.replace('"voicemails/', `"${tmp}/voicemails/`) } : r)) };
    }
    return n.account ? { ...n, account: 'acc' } : n;
  }), { id: 'catcher', z: tab, type: 'catch', scope: null, uncaught: false, wires: [['caught']] }, { id: 'caught', z: tab, type: 'helper' }];
}

describe('examples (ecosystem)', function () {
  let sandbox;
  let tmp;
  before(async function () { sandbox = await h.startSandbox({ port: 0 }); });
  after(async function () { await sandbox.close(); });
  beforeEach(function (done) {
    sandbox.reset();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'twilio-examples-'));
    helper.startServer(done);
  });
  afterEach(async function () {
    await helper.unload();
    await new Promise((r) => helper.stopServer(r));
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function deploy(file) {
    await new Promise((resolve) => helper.load(NODES, exampleFlow(sandbox, file, tmp), h.credentials(), resolve));
    return h.collectUntilQuiet(helper.getNode('caught'), 400);
  }

  it('send a WhatsApp message: whatsapp: kept, the number inside normalised', async function () {
    const errors = await deploy('send-a-whatsapp-message.json');
    const shown = h.receive(helper.getNode('wa-d'));
    helper.getNode('wa-i').receive({ payload: { To: 'whatsapp:+1 (555) 867-5310', From: 'whatsapp:+15005550006', Body: 'Hello from Node-RED on WhatsApp' } });
    const msg = await shown;
    assert.match(msg.sid, /^SM[0-9a-f]{32}$/);
    assert.deepStrictEqual([sandbox.log[0].form.To, sandbox.log[0].form.From], ['whatsapp:+15558675310', 'whatsapp:+15005550006']);
    assert.deepStrictEqual(await errors, []);
  });

  it("today's messages to CSV: a header row and one line per message sent today", async function () {
    const now = Date.now();
    sandbox.seed(h.ACCOUNT_SID, 'api.v2010.Messages', [
      { to: '+15558675310', from: '+15005550006', body: 'today, with a comma', status: 'delivered', date_sent: rfc2822(now) },
      { to: '+15558675311', from: '+15005550006', body: 'today too', status: 'failed', date_sent: rfc2822(now) },
      { to: '+15558675312', from: '+15005550006', body: 'two days ago', status: 'delivered', date_sent: rfc2822(now - 2 * 86400000) },
    ]);
    const errors = await deploy('todays-messages-to-csv.json');
    const written = h.receive(helper.getNode('csv-d'));
    helper.getNode('csv-i').receive({ payload: now });
    await written;
    const lines = fs.readFileSync(path.join(tmp, 'twilio-messages-today.csv'), 'utf8').trim().split('\n');
    assert.strictEqual(lines[0], 'date_sent,from,to,status,body,sid');
    assert.strictEqual(lines.length, 3, lines.join('\n'));
    assert.ok(lines.some((l) => l.includes('"today, with a comma"')));
    assert.ok(!lines.some((l) => l.includes('two days ago')));
    assert.match(sandbox.log[0].rawQuery, /DateSent=\d{4}-\d{2}-\d{2}/);
    assert.deepStrictEqual(await errors, []);
  });

  it('query calls as XML: one page as <TwilioResponse><Calls …><Call>', async function () {
    const now = Date.now();
    sandbox.seed(h.ACCOUNT_SID, 'api.v2010.Calls', [1, 2].map((i) => ({
      to: '+15558675310', from: '+15005550006', status: 'completed', start_time: rfc2822(now - i * 3600000), duration: '60',
    })));
    const errors = await deploy('query-calls-as-xml.json');
    const shown = h.receive(helper.getNode('xml-d'));
    helper.getNode('xml-i').receive({ payload: now });
    const msg = await shown;
    assert.strictEqual(typeof msg.payload, 'string');
    assert.match(msg.payload, /^<TwilioResponse><Calls [^>]*page="0"[^>]*>(<Call><Sid>CA[0-9a-f]{32}<\/Sid>.*?<\/Call>){2}<\/Calls><\/TwilioResponse>$/s);
    assert.deepStrictEqual(await errors, []);
  });

  it("save today's voicemails: each recording's audio written as voicemails/RE….mp3, no credentials at the storage host", async function () {
    const now = Date.now();
    const recs = sandbox.seed(h.ACCOUNT_SID, 'api.v2010.Recordings', [
      { date_created: rfc2822(now), duration: '12' }, { date_created: rfc2822(now), duration: '30' },
      { date_created: rfc2822(now - 3 * 86400000), duration: '5' },
    ]);
    const errors = await deploy('save-todays-voicemails.json');
    const saved = h.receive(helper.getNode('vm-d'), 2);
    helper.getNode('vm-i').receive({ payload: now });
    const msgs = await saved;
    const files = fs.readdirSync(path.join(tmp, 'voicemails')).sort();
    assert.deepStrictEqual(files, [recs[0].sid, recs[1].sid].map((s) => `${s}.mp3`).sort());
    for (const f of files) assert.strictEqual(fs.readFileSync(path.join(tmp, 'voicemails', f)).subarray(0, 3).toString('latin1'), 'ID3');
    assert.ok(msgs.every((m) => m.contentType === 'audio/mpeg'));
    assert.strictEqual(sandbox.storage.seen.length, 2);
    assert.ok(sandbox.storage.seen.every((s) => !('authorization' in s.headers)));
    assert.deepStrictEqual(await errors, []);
  });

  for (const [file, inject, debug] of [['todays-messages-to-csv.json', 'csv-i', 'csv-d'], ['save-todays-voicemails.json', 'vm-i', 'vm-d']]) {
    it(`${file} against an empty account: ends without an error`, async function () {
      const errors = await deploy(file);
      const shown = h.collectUntilQuiet(helper.getNode(debug), 400);
      helper.getNode(inject).receive({ payload: Date.now() });
      assert.deepStrictEqual((await errors).map((m) => m.error.message), []);
      // the query's empty-result marker travels on (a join or a file node sees it), nothing fails
      assert.ok((await shown).every((m) => !m.error));
    });
  }
});

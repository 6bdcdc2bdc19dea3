// Recordings, media and transcriptions as files: twilio-get with the "content" option against
// the sandbox, whose content URLs redirect to a second loopback listener (its storage host).
const assert = require('assert');
const h = require('../support/harness');
const o = require('../support/outbound');

const { helper } = h;
const MESSAGE = 'MM' + '1'.repeat(32);

describe('twilio-get content: recordings, media and transcriptions as files', function () {
  let sandbox;
  before(async function () { sandbox = await h.startSandbox({ port: 0 }); });
  after(async function () { await sandbox.close(); });
  beforeEach(function (done) { sandbox.reset(); helper.startServer(done); });
  afterEach(async function () { await helper.unload(); await new Promise((r) => helper.stopServer(r)); });

  const load = (object, props) => h.load(o.actionFlow(sandbox, 'twilio-get', { object, sid: 'sid', sidType: 'msg', ...props }));
  const authOf = (seen) => Object.keys(seen.headers).filter((k) => /authorization|cookie/i.test(k));

  it('a recording as mp3: a Buffer, msg.contentType, msg.filename; the storage host never sees credentials', async function () {
    const rec = sandbox.seed(h.ACCOUNT_SID, 'api.v2010.Recordings', [{}])[0];
    await load('api.v2010.Recordings', { content: 'mp3' });
    const r = await o.outcome(helper, { sid: rec.sid });
    assert.ok(r.out, r.error && r.error.message);
    assert.ok(Buffer.isBuffer(r.out.payload));
    assert.strictEqual(r.out.payload.length, 2048);
    assert.strictEqual(r.out.payload.subarray(0, 3).toString('latin1'), 'ID3');
    assert.strictEqual(r.out.contentType, 'audio/mpeg');
    assert.strictEqual(r.out.filename, `${rec.sid}.mp3`);
    assert.strictEqual(r.out.twilio.content, 'mp3');
    // Twilio's side got the credentials, the storage host none
    assert.strictEqual(sandbox.log[0].path, o.api(`/Recordings/${rec.sid}.mp3`));
    assert.strictEqual(sandbox.log[0].status, 302);
    assert.strictEqual(sandbox.log[0].authUser, h.ACCOUNT_SID);
    assert.strictEqual(sandbox.storage.seen.length, 1);
    assert.deepStrictEqual(authOf(sandbox.storage.seen[0]), []);
  });

  it('a call recording as wav, message media (type from the storage host) and a transcription as text', async function () {
    const call = 'CA' + '2'.repeat(32);
    const rec = sandbox.seed(h.ACCOUNT_SID, 'api.v2010.Calls.Recordings', [{}], [call])[0];
    await load('api.v2010.Calls.Recordings', { content: 'wav' });
    let r = await o.outcome(helper, { sid: `${call}:${rec.sid}` });
    assert.ok(r.out, r.error && r.error.message);
    assert.strictEqual(r.out.filename, `${rec.sid}.wav`);
    assert.strictEqual(r.out.contentType, 'audio/x-wav');
    await helper.unload();

    const media = sandbox.seed(h.ACCOUNT_SID, 'api.v2010.Messages.Media', [{}], [MESSAGE])[0];
    await load('api.v2010.Messages.Media', { content: 'content' });
    r = await o.outcome(helper, { sid: `${MESSAGE}:${media.sid}` });
    assert.ok(r.out, r.error && r.error.message);
    assert.strictEqual(r.out.contentType, 'image/jpeg');
    assert.strictEqual(r.out.filename, `${media.sid}.jpg`);
    await helper.unload();

    const tr = sandbox.seed(h.ACCOUNT_SID, 'api.v2010.Transcriptions', [{}])[0];
    await load('api.v2010.Transcriptions', { content: 'txt' });
    r = await o.outcome(helper, { sid: tr.sid });
    assert.ok(r.out, r.error && r.error.message);
    assert.match(r.out.payload.toString('utf8'), /hello from the sandbox/);
    assert.ok(sandbox.storage.seen.every((s) => authOf(s).length === 0));
  });

  for (const [what, target] of [
    ['a private address', 'https://10.20.30.40/media/x.mp3'],
    ['the cloud metadata address', 'http://169.254.169.254/latest/meta-data/'],
    ['a link-local IPv6 address', 'https://[fe80::1]/x.mp3'],
    ['plain http to a public host', 'http://203.0.113.7/x.mp3'],
  ]) {
    it(`a redirect to ${what} is refused before connecting`, async function () {
      const rec = sandbox.seed(h.ACCOUNT_SID, 'api.v2010.Recordings', [{}])[0];
      sandbox.storage.redirectTo = target;
      await load('api.v2010.Recordings', { content: 'mp3' });
      const r = await o.outcome(helper, { sid: rec.sid });
      assert.strictEqual(r.error && r.error.code, 'HOST_REFUSED', JSON.stringify(r.error));
      assert.match(r.error.message, /Refused to fetch content from/);
      assert.strictEqual(sandbox.storage.seen.length, 0);
    });
  }

  it('content over the size limit is refused (BAD_RESPONSE naming the limit)', async function () {
    const rec = sandbox.seed(h.ACCOUNT_SID, 'api.v2010.Recordings', [{}])[0];
    sandbox.storage.size = 300 * 1024;
    await load('api.v2010.Recordings', { content: 'mp3', contentLimit: '0.25' });
    const r = await o.outcome(helper, { sid: rec.sid });
    assert.strictEqual(r.error && r.error.code, 'BAD_RESPONSE');
    assert.match(r.error.message, /larger than the limit of 262144 bytes/);
  });

  it('an unknown recording is Twilio\'s 404; an object without content says which objects have it', async function () {
    await load('api.v2010.Recordings', { content: 'mp3' });
    let r = await o.outcome(helper, { sid: 'RE' + '9'.repeat(32) });
    assert.strictEqual(r.error.code, 20404);
    await helper.unload();
    await load('api.v2010.Calls', { content: 'mp3' });
    r = await o.outcome(helper, { sid: 'CA' + '9'.repeat(32) });
    assert.strictEqual(r.error.code, 'INVALID_REQUEST');
    assert.match(r.error.message, /has no content to fetch/);
  });
});

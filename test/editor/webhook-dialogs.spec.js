// The twilio in / twiml dialogs and the account's webhook Auth Token in a real browser
// (Debian's chromium through playwright-core): texts come from the catalogs (no raw keys),
// the dialog shows the URL Twilio must call, twiml rows save what was typed, and an API-key
// account keeps its optional Auth Token field. Skips without chromium unless CI=true.
const assert = require('assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { startNodeRed, findChromium } = require('./harness');

const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const FLOW = [
  { id: 'tab1', type: 'tab', label: 'Webhooks' },
  { id: 'acc', type: 'twilio-account', name: 'Sandbox', authType: 'apikey', baseUrl: '$SANDBOX_URL', region: '', edge: '', timeout: 30000, maxRetries: 3, retryMaxWait: 60000, maxConcurrent: 10, maxPerSecond: 0 },
  { id: 'wh', type: 'twilio-webhook', z: 'tab1', name: '', account: 'acc', method: 'POST', url: '/twilio/sms', publicUrl: '', behindProxy: false, events: 'incoming-message', x: 150, y: 80, wires: [['tw']] },
  { id: 'tw', type: 'twilio-twiml', z: 'tab1', name: '', kind: 'voice', mode: 'rows', rows: [
    { verb: 'Gather', depth: 0, text: '', textType: 'str', attrs: [{ name: 'numDigits', value: '1', valueType: 'str' }] },
    { verb: 'Say', depth: 1, text: 'payload.Body', textType: 'msg', attrs: [] },
  ], document: 'payload', documentType: 'msg', x: 350, y: 80, wires: [[]] },
];

describe('webhook and twiml dialogs in a browser', function () {
  this.timeout(180000);
  let nr;
  let browser;
  let page;
  let profileDir;
  const pageErrors = [];

  before(async function () {
    const chromiumPath = findChromium();
    if (!chromiumPath) {
      if (process.env.CI === 'true') throw new Error('CI=true and no chromium: the editor browser tests cannot run');
      console.warn('\n  !!! chromium NOT FOUND: webhook dialog tests SKIPPED.\n');
      this.skip();
    }
    nr = await startNodeRed({ flows: FLOW, credentials: { acc: { accountSid: '$ACCOUNT_SID', apiKeySid: 'SK' + '0'.repeat(32), apiKeySecret: 'x' } } });
    const { chromium } = require('playwright-core');
    profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-profile-'));
    browser = await chromium.launchPersistentContext(profileDir, { executablePath: chromiumPath, args: CHROMIUM_FLAGS, viewport: { width: 1400, height: 1000 } });
    page = browser.pages()[0] || (await browser.newPage());
    page.setDefaultTimeout(15000);
    page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
    await page.goto(nr.nodeRed, { timeout: 90000 });
    await page.waitForFunction(() => window.RED && RED.workspaces.active() === 'tab1' && RED.nodes.node('tw'), null, { timeout: 60000 });
  });

  after(async function () {
    if (browser) await browser.close();
    if (nr) await nr.stop();
    if (profileDir) fs.rmSync(profileDir, { recursive: true, force: true });
  });

  it('twilio in: translated labels, the URL Twilio must call follows URL and Public URL', async function () {
    const palette = await page.locator('.red-ui-palette-node[data-palette-type="twilio-webhook"] .red-ui-palette-label').innerText();
    assert.strictEqual(palette.trim(), 'twilio in');
    await page.evaluate(() => RED.editor.edit(RED.nodes.node('wh')));
    await page.waitForSelector('#node-input-publicUrl');
    const shown = () => page.locator('.twilio-webhook-signed-url').innerText();
    assert.match(await shown(), /^http:\/\/127\.0\.0\.1:\d+\/api\/twilio\/sms$|\/twilio\/sms$/);
    await page.fill('#node-input-publicUrl', 'https://example.com/');
    assert.match(await shown(), /^https:\/\/example\.com(\/api)?\/twilio\/sms$/);
    const text = await page.locator('#dialog-form').innerText();
    assert.match(text, /Public URL/);
    assert.doesNotMatch(text, /twilio-webhook\.(label|hints)/);
    await page.click('#node-dialog-ok');
    assert.strictEqual(await page.evaluate(() => RED.nodes.node('wh').publicUrl), 'https://example.com/');
  });

  it('twiml: rows show verb, nesting and typedInputs, and save what was typed', async function () {
    await page.evaluate(() => RED.editor.edit(RED.nodes.node('tw')));
    await page.waitForSelector('.twilio-twiml-verb');
    assert.deepStrictEqual(await page.locator('.twilio-twiml-verb').evaluateAll((els) => els.map((e) => e.value)), ['Gather', 'Say']);
    await page.locator('.twilio-twiml-text').nth(1).evaluate((el) => $(el).typedInput('value', 'payload.Digits'));
    await page.click('#node-dialog-ok');
    const rows = await page.evaluate(() => RED.nodes.node('tw').rows);
    assert.deepStrictEqual(rows.map((r) => [r.verb, r.depth, r.text, r.textType]), [['Gather', 0, '', 'str'], ['Say', 1, 'payload.Digits', 'msg']]);
    assert.deepStrictEqual(rows[0].attrs, [{ name: 'numDigits', value: '1', valueType: 'str' }]);
  });

  it('an API-key account shows its optional Auth Token for webhooks', async function () {
    await page.evaluate(() => RED.editor.editConfig('', 'twilio-account', 'acc'));
    await page.waitForSelector('.twilio-webhook-token-hint');
    assert.ok(await page.locator('#node-config-input-authToken').isVisible());
    assert.match(await page.locator('.twilio-webhook-token-hint').innerText(), /only to verify Twilio's signature/);
    await page.selectOption('#node-config-input-authType', 'token');
    assert.ok(!(await page.locator('.twilio-webhook-token-hint').isVisible()));
    await page.click('#node-config-dialog-cancel');
    assert.deepStrictEqual(pageErrors, []);
  });
});

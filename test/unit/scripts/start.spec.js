// `npm start` deploys every example; the editor opens on the first tab, so the simplest come first.
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const { exampleFlows, exampleOrder } = require('../../../dist/scripts/start.js');

describe('npm start: example tabs', function () {
  it('open on sending an SMS, then query and get, then calls, conferences and subaccounts', function () {
    const tabs = exampleFlows('http://127.0.0.1:4010').filter((n) => n.type === 'tab').map((n) => n.label);
    // the listed first ones in this order; the rest (by file name) follow
    assert.deepStrictEqual(tabs.slice(0, 7), [
      'Twilio: send an SMS', 'Twilio: send a WhatsApp message', 'Twilio: query and get messages', 'Twilio: place a call',
      'Twilio: mute every participant', 'Twilio: remove a participant', 'Twilio: create and close a subaccount',
    ]);
    assert.ok(tabs.includes('Twilio: auto-reply to an incoming SMS') && tabs.includes('Twilio: track delivery status'));
  });

  it('every example is deployed, once; one not in the list comes after the listed ones', function () {
    const files = fs.readdirSync(path.join(__dirname, '..', '..', '..', 'examples')).filter((f) => f.endsWith('.json'));
    assert.deepStrictEqual(exampleOrder(files).slice().sort(), files.slice().sort());
    assert.deepStrictEqual(exampleOrder(['zz-new.json', 'a-new.json', 'send-an-sms.json']), ['send-an-sms.json', 'a-new.json', 'zz-new.json']);
  });

  it('every node of the examples points at the one sandbox account', function () {
    const flows = exampleFlows('http://127.0.0.1:4010');
    assert.deepStrictEqual(flows.filter((n) => n.type === 'twilio-account').map((n) => n.id), ['sandbox-account']);
    for (const n of flows.filter((x) => x.account)) assert.strictEqual(n.account, 'sandbox-account', n.id);
  });
});

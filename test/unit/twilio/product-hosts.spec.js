// Each product's host: the SDK applies region and edge to it; a base URL maps every product
// onto one loopback server with the host's first label kept in the path.
const assert = require('assert');
const http = require('http');
const { ontoBase, TwilioTransport } = require('../../../dist/nodes/twilio/transport.js');
const { productOf } = require('../../../dist/nodes/catalog/catalog.js');

const ACCOUNT = 'AC' + '0'.repeat(32);

describe('product hosts', function () {
  it('maps Twilio URLs onto the base URL: v2010 as it is, products under their domain', function () {
    const base = 'http://127.0.0.1:4010';
    assert.strictEqual(ontoBase(base, new URL('https://api.twilio.com/2010-04-01/Accounts.json')).href, `${base}/2010-04-01/Accounts.json`);
    assert.strictEqual(ontoBase(base, new URL('https://verify.twilio.com/v2/Services?PageSize=2')).href, `${base}/verify/v2/Services?PageSize=2`);
    assert.strictEqual(ontoBase(base, new URL('https://flex-api.twilio.com/v1/Channels')).href, `${base}/flex-api/v1/Channels`);
    assert.strictEqual(ontoBase(base, new URL('https://preview.twilio.com/HostedNumbers/HostedNumberOrders')).href, `${base}/preview/HostedNumbers/HostedNumberOrders`);
  });

  it('names each object\'s product host from the index', function () {
    assert.strictEqual(productOf('verify.v2.Services.Verifications').host, 'verify.twilio.com');
    assert.strictEqual(productOf('api.v2010.Messages').host, 'api.twilio.com');
    assert.strictEqual(productOf('preview.HostedNumbers.HostedNumberOrders').host, 'preview.twilio.com');
  });

  it('sends to the product host with the account\'s region and edge (verify.dublin.ie1.twilio.com)', async function () {
    // A transport whose HTTP client records the URL the SDK built instead of sending it.
    const t = new TwilioTransport({ authType: 'token', accountSid: ACCOUNT, authToken: 'x', region: 'ie1', edge: 'dublin' });
    let seen;
    t.httpClient.request = async (opts) => { seen = opts; return { statusCode: 200, body: '{}', headers: {} }; };
    await t.send({ method: 'GET', host: 'verify.twilio.com', path: '/v2/Services' });
    t.close();
    assert.strictEqual(seen.uri, 'https://verify.dublin.ie1.twilio.com/v2/Services');
  });

  it('sends a JSON body with its content type, and PUT as the spec says', async function () {
    let got;
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => { body += c; });
      req.on('end', () => { got = { method: req.method, url: req.url, type: req.headers['content-type'], body }; res.end('{}'); });
    });
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    const t = new TwilioTransport({ authType: 'token', accountSid: ACCOUNT, authToken: 'x', baseUrl: `http://127.0.0.1:${server.address().port}` });
    await t.send({ method: 'PUT', host: 'lookups.twilio.com', path: '/v2/PhoneNumbers/%2B15558675310/Overrides/line_type', json: { line_type: 'mobile' } });
    t.close();
    server.close();
    assert.deepStrictEqual(got, { method: 'PUT', url: '/lookups/v2/PhoneNumbers/%2B15558675310/Overrides/line_type', type: 'application/json', body: '{"line_type":"mobile"}' });
  });
});

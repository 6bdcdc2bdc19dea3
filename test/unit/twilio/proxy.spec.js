'use strict';
// Which proxy a target goes through, as Node-RED's core http request node resolves it.
const assert = require('assert');
const { proxyFor, bypassesProxy } = require('../../../dist/nodes/twilio/proxy');

const api = new URL('https://api.twilio.com/2010-04-01/Accounts.json');
const href = (u) => (u ? u.href : undefined);

describe('twilio/proxy proxyFor', function () {
  it('https targets use https_proxy, then HTTPS_PROXY, then all_proxy; http targets http_proxy', function () {
    assert.strictEqual(href(proxyFor(api, undefined, { https_proxy: 'http://p:3128' })), 'http://p:3128/');
    assert.strictEqual(href(proxyFor(api, undefined, { HTTPS_PROXY: 'p2:8080' })), 'http://p2:8080/');
    assert.strictEqual(href(proxyFor(api, undefined, { ALL_PROXY: 'http://all:1' })), 'http://all:1/');
    assert.strictEqual(proxyFor(api, undefined, { http_proxy: 'http://p:3128' }), undefined);
    assert.strictEqual(href(proxyFor(new URL('http://example.com/'), undefined, { HTTP_PROXY: 'http://h:1' })), 'http://h:1/');
  });

  it('loopback targets never use a proxy', function () {
    for (const u of ['https://127.0.0.1:4010/x', 'http://localhost:1/', 'https://[::1]:8443/']) {
      assert.strictEqual(proxyFor(new URL(u), { url: 'http://p:1' }, { https_proxy: 'http://p:1', http_proxy: 'http://p:1' }), undefined, u);
    }
  });

  it('no_proxy / NO_PROXY: *, names, .suffixes, *.suffixes and ports', function () {
    const env = (np) => ({ https_proxy: 'http://p:1', no_proxy: np });
    for (const np of ['*', 'api.twilio.com', 'twilio.com', '.twilio.com', '*.twilio.com', 'x.org, twilio.com', 'api.twilio.com:443']) {
      assert.strictEqual(proxyFor(api, undefined, env(np)), undefined, np);
    }
    for (const np of ['', 'notwilio.com', 'api.twilio.com:8443', 'example.com']) {
      assert.ok(proxyFor(api, undefined, env(np)), np);
    }
    assert.strictEqual(proxyFor(api, undefined, { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'twilio.com' }), undefined);
    assert.ok(bypassesProxy(api, ['TWILIO.COM']));
  });

  it('a config node wins over the environment and carries its user and password', function () {
    const p = proxyFor(api, { url: 'http://corp:8080', noProxy: [], username: 'a b', password: 'p@ss' }, { https_proxy: 'http://env:1' });
    assert.strictEqual(p.host, 'corp:8080');
    assert.strictEqual(decodeURIComponent(p.username), 'a b');
    assert.strictEqual(decodeURIComponent(p.password), 'p@ss');
    assert.strictEqual(proxyFor(api, { url: 'http://corp:8080', noProxy: ['.twilio.com'] }, {}), undefined);
  });
});

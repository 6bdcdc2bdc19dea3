'use strict';
// One raw HTTP exchange as Twilio's REST API is spoken (Basic auth, form body), for the
// conformance specs that talk to Prism and the sandbox without a node in between.
const http = require('http');
const S = require('./spec');
const G = require('../../support/samples');

/** Resolves {status, text, json, headers, method, path}; json is undefined when the body is not JSON. */
function twilioRequest(baseUrl, method, pathAndQuery, body, token = G.AUTH_TOKEN) {
  return new Promise((resolve, reject) => {
    const u = new URL(baseUrl + pathAndQuery);
    const headers = { authorization: 'Basic ' + Buffer.from(`${G.ACCOUNT_SID}:${token}`).toString('base64'), accept: 'application/json' };
    if (body !== undefined) {
      headers['content-type'] = S.FORM;
      headers['content-length'] = Buffer.byteLength(body);
    }
    const req = http.request({ host: u.hostname, port: u.port, method, path: u.pathname + u.search, headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json;
        try { json = text ? JSON.parse(text) : undefined; } catch (e) { json = undefined; }
        resolve({ status: res.statusCode, text, json, headers: res.headers, method, path: u.pathname });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

module.exports = { twilioRequest };

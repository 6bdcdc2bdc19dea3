// Calls a Node-RED webhook as Twilio does: signed with the SDK's own signature function
// (never a hand-made HMAC), as a form POST, a GET, or JSON with bodySHA256.
const crypto = require('crypto');
const { getExpectedTwilioSignature } = require('twilio/lib/webhooks/webhooks');

/**
 * signedUrl: the URL Twilio would sign (publicUrl + path); target: where the request goes.
 * opts: {method, params (form or query), json (object), token, signature (override), headers}
 */
async function callWebhook(target, signedUrl, opts = {}) {
  const method = opts.method || 'POST';
  const headers = { ...(opts.headers || {}) };
  let body;
  let urlToSign = signedUrl;
  let targetUrl = target;
  let signParams = {};
  if (opts.json !== undefined) {
    body = typeof opts.json === 'string' ? opts.json : JSON.stringify(opts.json);
    const hash = crypto.createHash('sha256').update(body).digest('hex');
    const sep = signedUrl.includes('?') ? '&' : '?';
    urlToSign = `${signedUrl}${sep}bodySHA256=${hash}`;
    targetUrl = `${target}${target.includes('?') ? '&' : '?'}bodySHA256=${hash}`;
    headers['content-type'] = 'application/json';
  } else if (method === 'POST') {
    body = new URLSearchParams(toPairs(opts.params || {})).toString();
    headers['content-type'] = headers['content-type'] || 'application/x-www-form-urlencoded';
    signParams = opts.params || {};
  }
  if (opts.signature !== null) {
    headers['x-twilio-signature'] = opts.signature || getExpectedTwilioSignature(opts.token, urlToSign, opts.signParams || signParams);
  }
  if (opts.bodyOverride !== undefined) body = opts.bodyOverride;
  const res = await fetch(targetUrl, { method, headers, body });
  return { status: res.status, type: res.headers.get('content-type') || '', text: await res.text() };
}

function toPairs(params) {
  return Object.entries(params).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]]));
}

module.exports = { callWebhook, toPairs };

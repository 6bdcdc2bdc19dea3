// The sandbox calling Node-RED as Twilio does: a form POST (or GET) signed with the SDK's own
// signature function and the account's Auth Token, to loopback addresses only.
import * as http from 'http';
import * as crypto from 'crypto';

/* eslint-disable @typescript-eslint/no-require-imports */
const { getExpectedTwilioSignature } = require('twilio/lib/webhooks/webhooks') as {
  getExpectedTwilioSignature(token: string, url: string, params: Record<string, string>): string;
};

export interface WebhookAnswer {
  status: number;
  contentType: string;
  body: string;
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** A loopback http(s) URL, or an Error saying why not. */
export function loopbackTarget(url: string): URL {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`not a URL: ${url}`);
  }
  if (u.protocol !== 'http:' || !LOOPBACK.test(u.hostname)) throw new Error(`the sandbox calls loopback http URLs only, not ${u.origin}`);
  return u;
}

export function sendSignedWebhook(url: string, params: Record<string, string>, authToken: string, method = 'POST', timeoutMs = 15000): Promise<WebhookAnswer> {
  const target = loopbackTarget(url);
  const get = method.toUpperCase() === 'GET';
  if (get) for (const [k, v] of Object.entries(params)) target.searchParams.append(k, v);
  const signedUrl = get ? target.toString() : url;
  const body = get ? '' : new URLSearchParams(params).toString();
  const headers: Record<string, string> = {
    'X-Twilio-Signature': getExpectedTwilioSignature(authToken, signedUrl, get ? {} : params),
    'I-Twilio-Idempotency-Token': crypto.randomUUID(),
    'User-Agent': 'TwilioProxy/1.1 (node-red-twilio sandbox)',
  };
  if (!get) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    headers['Content-Length'] = String(Buffer.byteLength(body));
  }
  return new Promise((resolve, reject) => {
    const req = http.request(target, { method: get ? 'GET' : 'POST', headers, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${target.origin} within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

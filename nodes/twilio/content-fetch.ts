// Follows Twilio's redirect from a content URL (a recording's .mp3, a message's media) to
// the storage host that serves the bytes. Credentials never go there: Twilio's own request
// carried them; these requests carry none. Only https targets (plain http only to loopback,
// and only when the account itself talks to a loopback base URL, i.e. the sandbox), never a
// private, link-local, CGNAT, multicast or cloud-metadata address (169.254.169.254) — each
// name is resolved first and the connection pinned to the address that was checked. At most
// MAX_REDIRECTS hops, a size cap, and the account's timeout and abort. See docs/media.md.
import * as dns from 'dns';
import * as http from 'http';
import * as https from 'https';
import * as net from 'net';
import { ErrorCodes, TwilioNodeError } from '../common/errors';
import { t } from '../common/i18n';
import { readBody } from './read-body';

export const MAX_REDIRECTS = 3;

export interface ContentOptions {
  /** the account talks to a loopback base URL (sandbox): loopback http storage is allowed */
  loopbackBase: boolean;
  maxBytes: number;
  timeout: number;
  signal?: AbortSignal;
}

export interface Content {
  body: Buffer;
  contentType: string;
}

function refused(url: string, reason: string): TwilioNodeError {
  return new TwilioNodeError(t('errors.contentRefused', { url, reason }), ErrorCodes.hostRefused);
}

function v4Blocked(ip: string): boolean {
  const [a, b] = ip.split('.').map(Number);
  return a === 0 || a === 10 || a === 127 || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254)
    || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || a >= 224;
}

/** Loopback, private, link-local, CGNAT, multicast, unspecified and metadata addresses. */
export function isInternalAddress(address: string): boolean {
  const ip = address.toLowerCase();
  if (net.isIPv4(ip)) return v4Blocked(ip);
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
  if (mapped) return v4Blocked(mapped[1]);
  return ip === '::' || ip === '::1' || /^f[cd]/.test(ip) || /^fe[89ab]/.test(ip) || /^ff/.test(ip);
}

function isLoopback(address: string): boolean {
  return /^127\./.test(address) || address === '::1' || /^::ffff:127\./.test(address);
}

/** The address to connect to, after the checks; throws HOST_REFUSED naming why. */
async function checkedAddress(url: URL, opts: ContentOptions): Promise<{ address: string; family: number }> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const found = net.isIP(host)
    ? [{ address: host, family: net.isIP(host) }]
    : await dns.promises.lookup(host, { all: true });
  if (!found.length) throw refused(url.origin, 'no address');
  const allLoopback = found.every((a) => isLoopback(a.address));
  if (opts.loopbackBase && allLoopback) return found[0];
  if (url.protocol !== 'https:') throw refused(url.origin, t('errors.contentNotHttps'));
  if (found.some((a) => isInternalAddress(a.address))) throw refused(url.origin, t('errors.contentInternal'));
  return found[0];
}

function getOnce(url: URL, pinned: { address: string; family: number }, opts: ContentOptions): Promise<http.IncomingMessage> {
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(url, {
      method: 'GET',
      headers: { 'User-Agent': '@nr-connectors/node-red-twilio' },
      agent: false,
      signal: opts.signal,
      timeout: opts.timeout,
      // connect to the address that was checked, whatever DNS says a moment later
      lookup: ((_h: string, o: { all?: boolean }, cb: (...args: unknown[]) => void) => (o && o.all
        ? cb(null, [pinned])
        : cb(null, pinned.address, pinned.family))) as unknown as net.LookupFunction,
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    req.on('response', resolve);
    req.on('error', reject);
    req.end();
  });
}

export function tooLarge(url: URL | string, maxBytes: number): TwilioNodeError {
  const where = typeof url === 'string' ? url : url.origin + url.pathname;
  return new TwilioNodeError(t('errors.contentTooLarge', { url: where, max: maxBytes }), ErrorCodes.badResponse);
}

function fetchError(err: unknown, url: URL, timeout: number): TwilioNodeError {
  const e = err as { code?: string; name?: string };
  if (err instanceof TwilioNodeError) return err;
  if (e && e.name === 'AbortError') return new TwilioNodeError(t('errors.aborted'), ErrorCodes.closed);
  if (e && e.code === 'ETIMEDOUT') return new TwilioNodeError(t('errors.timeout', { url: url.origin, ms: timeout }), ErrorCodes.timeout);
  return new TwilioNodeError(t('errors.transport', { url: url.origin + url.pathname, reason: (e && e.code) || 'network error' }), ErrorCodes.transport);
}

/** Follows `location` (relative to `from`) to the content, without credentials. */
export async function followContent(location: string, from: string, opts: ContentOptions): Promise<Content> {
  let url = new URL(location, from);
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const pinned = await checkedAddress(url, opts);
    let res: http.IncomingMessage;
    try {
      res = await getOnce(url, pinned, opts);
    } catch (err) {
      throw fetchError(err, url, opts.timeout);
    }
    const status = res.statusCode || 0;
    if (status >= 300 && status < 400 && res.headers.location) {
      res.resume();
      url = new URL(res.headers.location, url);
      continue;
    }
    if (status !== 200) {
      res.resume();
      throw new TwilioNodeError(t('errors.contentStatus', { url: url.origin + url.pathname, status }), ErrorCodes.badResponse);
    }
    try {
      const body = await readBody(res, {
        maxBytes: opts.maxBytes, tooLarge: () => tooLarge(url, opts.maxBytes), declared: Number(res.headers['content-length']),
      });
      return { body, contentType: String(res.headers['content-type'] || 'application/octet-stream') };
    } catch (err) {
      throw fetchError(err, url, opts.timeout);
    }
  }
  throw new TwilioNodeError(t('errors.contentRedirects', { max: MAX_REDIRECTS }), ErrorCodes.badResponse);
}

// The one HTTP path to Twilio. The twilio SDK supplies auth, hostnames (region, edge), the
// user agent and its axios-based RequestClient; a subclass of that client adds what the nodes
// need: a base URL, the host rule, abort, our own agents, and errors that never carry the
// request config (axios errors hold the Basic auth header).
import * as http from 'http';
import * as https from 'https';
import { ErrorCodes, TwilioNodeError } from '../common/errors';
import { t } from '../common/i18n';
import { ACCOUNT_SID_PATTERN } from '../request/sid-chain';
import { checkBaseUrl, isAllowedTarget, refuseHost } from './host-rule';
import { proxyFor, TunnelAgent, type ProxySettings } from './proxy';
import { tooLarge } from './content-fetch';
import { readBody, type ReusableBuffers } from './read-body';
import type { CancelSignal } from '../common/cancel';

export interface AccountSettings {
  authType: 'token' | 'apikey';
  accountSid: string;
  authToken?: string;
  apiKeySid?: string;
  apiKeySecret?: string;
  baseUrl?: string;
  region?: string;
  edge?: string;
  /** per-request timeout, ms */
  timeout?: number;
  /** sockets per host; at least the limiter's maxConcurrent */
  maxSockets?: number;
  /** an `http proxy` config node's settings; without one the environment decides (proxy.ts) */
  proxy?: ProxySettings;
}

export type ParamValues = Record<string, string | string[]>;

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** the product's Twilio host (default api.twilio.com); region and edge are applied to it */
  host?: string;
  /**
   * an absolute path, possibly with a query string (a page URI Twilio returned), or an absolute
   * https://<product>.twilio.com URL (a product's meta.next_page_url)
   */
  path: string;
  query?: ParamValues;
  form?: ParamValues;
  /** a JSON body (operations that declare application/json) */
  json?: unknown;
  signal?: CancelSignal;
  /** read the answer as bytes (a Buffer body), refusing more than this many */
  maxBytes?: number;
  /** a successful answer's body as bytes, unparsed (a query page: runtime/page-reader.ts reads it) */
  bytes?: boolean;
  /** buffers to read a successful bytes answer into (a query's, reused page after page) */
  buffers?: ReusableBuffers;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

const TWILIO_API_HOST = 'api.twilio.com';
const DEFAULT_TIMEOUT = 30000;
// Far above any Twilio answer (a page of 1,000 records is a few MB): a server sending more is not Twilio.
export const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
// BaseTwilio.request hands our client the headers object it built; a symbol-keyed entry
// carries the message's cancel signal through it without reaching the wire.
const SIGNAL = Symbol('abort-signal');
const MAX_BYTES = Symbol('max-bytes');
const AS_BYTES = Symbol('as-bytes');
const BUFFERS = Symbol('buffers');
const USER_AGENT = '@nr-connectors/node-red-twilio';

function encodeParams(values: ParamValues | undefined): string {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(values || {})) {
    for (const item of Array.isArray(v) ? v : [v]) out.append(k, item);
  }
  return out.toString();
}

function requireCredentials(s: AccountSettings): { username: string; password: string } {
  const sid = (s.accountSid || '').trim();
  if (!ACCOUNT_SID_PATTERN.test(sid)) {
    throw new TwilioNodeError(t('errors.noAccountSid'), ErrorCodes.credentials);
  }
  if (s.authType === 'apikey') {
    if (!s.apiKeySid || !s.apiKeySecret) throw new TwilioNodeError(t('errors.noApiKey'), ErrorCodes.credentials);
    return { username: s.apiKeySid.trim(), password: s.apiKeySecret };
  }
  if (!s.authToken) throw new TwilioNodeError(t('errors.noAuthToken'), ErrorCodes.credentials);
  return { username: sid, password: s.authToken };
}

/** Why these settings cannot authenticate (no Account SID, token or key), or undefined when they can. */
export function credentialsProblem(s: AccountSettings): TwilioNodeError | undefined {
  try {
    requireCredentials(s);
    return undefined;
  } catch (err) {
    return err as TwilioNodeError;
  }
}

function responseTooLarge(target: string): TwilioNodeError {
  return new TwilioNodeError(t('errors.responseTooLarge', { url: target, max: MAX_RESPONSE_BYTES }), ErrorCodes.badResponse);
}

function transportError(err: unknown, target: string, timeoutMs: number): TwilioNodeError {
  const e = err as { code?: string; name?: string; message?: string };
  if (e instanceof TwilioNodeError) return e;
  if (e && (e.name === 'CanceledError' || e.code === 'ERR_CANCELED')) {
    return new TwilioNodeError(t('errors.aborted'), ErrorCodes.closed);
  }
  if (e && e.code === 'ERR_BAD_RESPONSE' && /maxContentLength/.test(String(e.message))) return responseTooLarge(target);
  if (e && (e.code === 'ECONNABORTED' || e.code === 'ETIMEDOUT')) {
    return new TwilioNodeError(t('errors.timeout', { url: target, ms: timeoutMs }), ErrorCodes.timeout);
  }
  // Only the low-level code is kept: the original error holds the request config.
  const te = new TwilioNodeError(t('errors.transport', { url: target, reason: (e && e.code) || 'network error' }), ErrorCodes.transport);
  (te as TwilioNodeError & { transportCode?: string }).transportCode = e && e.code;
  return te;
}

/**
 * The account's timeout as a deadline for the whole request, connect to last byte (axios's own
 * timeout bounds idle time only: a server dripping a byte at a time would hold the message, and
 * its limiter place, for ever — docs/reliability.md), and the caller's abort. Both destroy the
 * request itself: an AbortController handed to axios per request cost ~25 µs of CPU each
 * (bench/run.js, get-vs-handwritten), a timer next to nothing.
 */
class RequestGuard {
  expired = false;
  aborted = false;
  private req: http.ClientRequest | undefined;
  private readonly timer: NodeJS.Timeout;

  constructor(ms: number, private readonly outer?: CancelSignal) {
    this.timer = setTimeout(() => { this.expired = true; this.stop(); }, ms);
    if (outer) {
      if (outer.aborted) this.aborted = true;
      else outer.addEventListener('abort', this.onAbort);
    }
  }

  /**
   * The guard is axios's `transport` option: axios creates the request through it, so the guard
   * holds what it must end. (A class instance, not a plain object: axios deep-copies plain ones
   * into every request's config.)
   */
  request(options: http.RequestOptions, onResponse: (res: http.IncomingMessage) => void): http.ClientRequest {
    this.req = (options.protocol === 'http:' ? http : https).request(options, onResponse);
    if (this.expired || this.aborted) this.stop();
    return this.req;
  }

  private readonly onAbort = (): void => {
    this.aborted = true;
    this.stop();
  };

  private stop(): void {
    if (this.req) this.req.destroy(new Error(this.expired ? 'deadline passed' : 'aborted'));
  }

  clear(): void {
    clearTimeout(this.timer);
    if (this.outer) this.outer.removeEventListener('abort', this.onAbort);
  }
}

// The SDK is loaded lazily (below), and our request() overrides its generic one with axios
// options of our own: its typings fit neither, so the SDK objects stay untyped in this block.
/* eslint-disable @typescript-eslint/no-explicit-any -- the SDK's lazy-loaded objects, see above */
let sdk: any;
function loadSdk(): any {
  // Requiring the SDK costs ~200 ms; only pay it when a request is first made.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy on purpose: an import would load it at deploy
  if (!sdk) sdk = require('twilio');
  return sdk;
}

/**
 * A Twilio URL mapped onto the base URL (one loopback sandbox serves every product): v2010's
 * api.twilio.com paths as they are, any other product under its host's first label —
 * https://verify.twilio.com/v2/Services → <base>/verify/v2/Services (docs/catalog.md, "Base URL").
 */
export function ontoBase(base: string, url: URL): URL {
  const host = url.hostname.toLowerCase();
  if (!host.endsWith('.twilio.com')) return new URL(base + url.pathname + url.search);
  const label = host.split('.')[0];
  return new URL(base + (label === 'api' ? '' : `/${label}`) + url.pathname + url.search);
}

function createHttpClient(settings: AccountSettings): any {
  const { RequestClient } = loadSdk();
  const timeout = settings.timeout || DEFAULT_TIMEOUT;
  const maxSockets = Math.max(settings.maxSockets || 10, 1);
  const agentOptions = { keepAlive: true, maxSockets, maxFreeSockets: maxSockets, timeout };
  const httpAgent = new http.Agent(agentOptions);
  const httpsAgent = new https.Agent(agentOptions);
  const base = settings.baseUrl ? checkBaseUrl(settings.baseUrl) : '';
  // One tunnel agent per proxy (the environment is read when the account first connects).
  const tunnels = new Map<string, TunnelAgent>();
  const agentFor = (target: URL): https.Agent => {
    const proxy = target.protocol === 'https:' ? proxyFor(target, settings.proxy) : undefined;
    if (!proxy) return httpsAgent;
    let agent = tunnels.get(proxy.href);
    if (!agent) tunnels.set(proxy.href, agent = new TunnelAgent(proxy, timeout, agentOptions));
    return agent;
  };

  // The same credentials on every request of this account: encoded once, again only if they change.
  let auth = { username: '', password: '', header: '' };
  const basicAuth = (username: string, password: string): string => {
    if (username !== auth.username || password !== auth.password) {
      auth = { username, password, header: 'Basic ' + Buffer.from(`${username}:${password}`).toString('base64') };
    }
    return auth.header;
  };

  class ProjectRequestClient extends RequestClient {
    async request(opts: any): Promise<any> {
      const given: Record<string | symbol, any> = opts.headers || {};
      const signal: CancelSignal | undefined = given[SIGNAL];
      const maxBytes: number | undefined = given[MAX_BYTES];
      const asBytes = !!maxBytes || !!given[AS_BYTES];
      const buffers: ReusableBuffers | undefined = given[BUFFERS];
      // The wire headers: string keys only (a copy built up, not one with keys deleted, which
      // V8 turns into a slow dictionary that axios then merges twice per request).
      const headers: Record<string, any> = {};
      for (const k of Object.keys(given)) headers[k] = given[k];
      const sdkUrl = new URL(opts.uri);
      const target = base ? ontoBase(base, sdkUrl) : sdkUrl;
      if (!isAllowedTarget(target)) refuseHost(target.origin);
      if (opts.username && opts.password) headers.Authorization = basicAuth(opts.username, opts.password);
      const query = encodeParams(opts.params);
      if (query) target.search = target.search ? `${target.search}&${query}` : `?${query}`;
      const limitMs = opts.timeout || timeout;
      const guard = new RequestGuard(limitMs, signal);
      try {
        if (guard.aborted) throw new TwilioNodeError(t('errors.aborted'), ErrorCodes.closed);
        const res = await this.axios({
          url: target.href,
          method: opts.method,
          headers,
          data: typeof opts.data === 'string' ? opts.data : opts.data ? encodeParams(opts.data) : undefined,
          timeout: limitMs,
          maxRedirects: 0,
          proxy: false,
          transport: guard,
          httpAgent,
          httpsAgent: agentFor(target),
          // bytes are read here (read-body.ts), into the query's own buffers when it has them
          responseType: asBytes ? 'stream' : 'text',
          maxContentLength: asBytes ? -1 : MAX_RESPONSE_BYTES,
          transformResponse: [(d: unknown) => d],
          validateStatus: () => true,
        });
        if (!asBytes) return { statusCode: res.status, body: res.data, headers: res.headers };
        // a content download has its own cap; every other answer the package-wide bound
        const where = target.origin + target.pathname;
        const body = await readBody(res.data, {
          maxBytes: maxBytes || MAX_RESPONSE_BYTES,
          tooLarge: () => (maxBytes ? tooLarge(where, maxBytes) : responseTooLarge(where)),
          declared: Number(res.headers['content-length']),
          // an error's body becomes text at once: only a success's stays in a reused buffer
          buffers: res.status < 300 ? buffers : undefined,
        });
        return { statusCode: res.status, body, headers: res.headers };
      } catch (err) {
        if (guard.aborted) throw new TwilioNodeError(t('errors.aborted'), ErrorCodes.closed);
        if (guard.expired) throw new TwilioNodeError(t('errors.timeout', { url: target.origin + target.pathname, ms: limitMs }), ErrorCodes.timeout);
        throw transportError(err, target.origin + target.pathname, limitMs);
      } finally {
        guard.clear();
      }
    }
  }
  const Client = ProjectRequestClient as any;
  const client = new Client({ timeout, keepAlive: true, maxSockets, autoRetry: false });
  client.destroyAgents = () => {
    httpAgent.destroy();
    httpsAgent.destroy();
    for (const agent of tunnels.values()) agent.destroy();
  };
  return client;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/** An answer's text as JSON, or the text itself when it is not JSON ('' is null). */
export function parseBody(text: unknown): unknown {
  if (typeof text !== 'string' || text === '') return text === '' ? null : text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * One account's connection: an SDK client with our HTTP client. Sends one request at a time
 * per call; retries and the limiter live above it.
 */
export class TwilioTransport {
  readonly accountSid: string;
  private readonly sdkClient: { request(opts: object): Promise<{ statusCode: number; headers?: Record<string, unknown>; body: unknown }> };
  private readonly httpClient: { destroyAgents(): void };

  constructor(settings: AccountSettings) {
    const { username, password } = requireCredentials(settings);
    this.accountSid = settings.accountSid.trim();
    this.httpClient = createHttpClient(settings);
    const twilio = loadSdk();
    // Every option explicit: the SDK falls back to TWILIO_* environment variables on undefined.
    this.sdkClient = twilio(username, password, {
      accountSid: this.accountSid,
      httpClient: this.httpClient,
      region: settings.baseUrl ? '' : (settings.region || ''),
      edge: settings.baseUrl ? '' : (settings.edge || ''),
      logLevel: 'none',
      autoRetry: false,
      userAgentExtensions: [USER_AGENT],
      env: {},
    });
  }

  async send(req: HttpRequest): Promise<HttpResponse> {
    const headers: Record<string | symbol, unknown> = {};
    if (req.signal) headers[SIGNAL] = req.signal;
    if (req.maxBytes) headers[MAX_BYTES] = req.maxBytes;
    if (req.bytes) headers[AS_BYTES] = true;
    if (req.buffers) headers[BUFFERS] = req.buffers;
    const uri = /^https:\/\//i.test(req.path) ? req.path : `https://${req.host || TWILIO_API_HOST}${req.path}`;
    if (req.json !== undefined) headers['Content-Type'] = 'application/json';
    const res = await this.sdkClient.request({
      method: req.method.toLowerCase(),
      uri,
      params: req.query,
      data: req.json !== undefined ? JSON.stringify(req.json) : req.form,
      headers,
    });
    const lower: Record<string, string> = {};
    const answered: Record<string, unknown> = res.headers || {};
    for (const k of Object.keys(answered)) lower[k.toLowerCase()] = String(answered[k]);
    let body = res.body;
    // content comes as bytes; an error or redirect answer is still Twilio's JSON
    if (Buffer.isBuffer(body) && res.statusCode >= 300) body = body.toString('utf8');
    return { status: res.statusCode, headers: lower, body: Buffer.isBuffer(body) ? body : parseBody(body) };
  }

  close(): void {
    this.httpClient.destroyAgents();
  }
}

/** A single request with its own connection; used by Test connection. */
export async function requestOnce(settings: AccountSettings, req: HttpRequest): Promise<HttpResponse> {
  const transport = new TwilioTransport(settings);
  try {
    return await transport.send(req);
  } finally {
    transport.close();
  }
}

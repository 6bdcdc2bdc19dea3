// The sandbox: a local, stateful Twilio REST API (2010-04-01, JSON) driven by the
// generated catalog, with fault injection and a request log for tests.
import * as http from 'http';
import type { AddressInfo, Socket } from 'net';
import { indexEntry, loadCatalog, loadIndex } from '../nodes/catalog/catalog';
import { ACCOUNT_SID, authenticate, basicCredentials, type Caller } from './auth';
import { authenticateError, internalError, methodNotAllowedError, notFoundError, SandboxError, tooManyRequestsError } from './errors';
import { FaultList, type Fault } from './faults';
import { CatalogModel } from './model';
import { Operations, type OpResult } from './operations';
import { Router } from './router';
import { Store } from './store';
import type { Rec } from './records';
import { StatusCallbacks, type CallbackLogEntry } from './callbacks';
import { Inbound, type InboundRequest, type InboundResult } from './inbound';
import { contentRoute, StorageHost } from './content';
import { toJsonBytes } from './record-text';

export type { Fault } from './faults';

export const SANDBOX_DEFAULTS = {
  port: 4010,
  authToken: 'sandbox-auth-token',
  accountSid: 'AC' + 'a11ce' + '0'.repeat(27),
};

export interface SandboxOptions {
  /** 0 = random */
  port?: number;
  /** default 127.0.0.1 */
  host?: string;
  authToken?: string;
  apiKeySid?: string;
  apiKeySecret?: string;
  /** pause before each status callback (ms), default 100 */
  callbackDelayMs?: number;
  /**
   * Twilio's account concurrency limit: beyond this many requests in flight for one account,
   * answer 429 (code 20429) with Retry-After. 0 or undefined = no limit.
   */
  concurrencyLimit?: number;
  /** Retry-After of those 429s, seconds (default 1, as Twilio sends) */
  retryAfter?: number;
}

export interface LogEntry {
  id: number;
  method: string;
  /** no query string */
  path: string;
  rawQuery: string;
  query: Record<string, string | string[]>;
  rawBody: string;
  form: Record<string, string | string[]>;
  authUser?: string;
  accountSid?: string;
  operationId?: string;
  status?: number;
  receivedAt: number;
  respondedAt?: number;
  fault?: string;
}

export interface Sandbox {
  url: string;
  port: number;
  log: LogEntry[];
  clearLog(): void;
  inject(f: Fault): void;
  clearFaults(): void;
  /** records, subaccounts, keys, log and faults */
  reset(): void;
  seed(accountSid: string, objectId: string, records: Array<Record<string, unknown>>, parents?: string[]): Array<Record<string, unknown>>;
  /** highest number of concurrently open requests seen since last clearLog() */
  maxInFlight: number;
  /** status callbacks sent (url, params, answer status) */
  callbacks: CallbackLogEntry[];
  /** simulates an incoming SMS or call to a seeded number (sandbox/inbound.ts) */
  inbound(req: Partial<InboundRequest> & { to: string; from: string }): Promise<InboundResult>;
  /** the account concurrency limit mode (see SandboxOptions); limit 0 turns it off; reset() restores the start-up options */
  setConcurrencyLimit(limit: number, retryAfter?: number): void;
  /** also ends hung requests */
  close(): Promise<void>;
  /** where recording audio, media and transcription text are served from (content.ts) */
  storage: StorageHost;
}

const CONTROL_PREFIX = '/__sandbox/';
const MAX_BODY = 1024 * 1024;

/** Form or query string → record; a repeated key becomes an array. */
function parseParams(text: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(text)) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

function isLoopback(socket: Socket): boolean {
  const a = socket.remoteAddress ?? '';
  return a === '127.0.0.1' || a === '::1' || a === '::ffff:127.0.0.1' || a.startsWith('127.');
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

class SandboxServer implements Sandbox {
  url = '';
  port = 0;
  log: LogEntry[] = [];
  maxInFlight = 0;

  private readonly server: http.Server;
  private readonly store = new Store();
  private readonly faults = new FaultList();
  private readonly model = new CatalogModel(loadCatalog());
  private readonly router = new Router(this.model.catalog);
  private readonly ops: Operations;
  private readonly statusCallbacks: StatusCallbacks;
  private readonly inbounds: Inbound;
  /** the product APIs, each set up on its first request: /<domain>/<version>/… (docs/catalog.md) */
  private readonly products = new Map<string, { router: Router; ops: Operations }>();
  private readonly hung = new Set<http.ServerResponse>();
  readonly storage = new StorageHost();
  private readonly sockets = new Set<Socket>();
  private inFlight = 0;
  private nextId = 1;
  private concurrency = { limit: 0, retryAfter: 1 };
  private readonly accountInFlight = new Map<string, number>();

  constructor(private readonly opts: Required<Pick<SandboxOptions, 'authToken'>> & SandboxOptions) {
    this.ops = new Operations(this.model, this.store, opts.authToken);
    this.statusCallbacks = new StatusCallbacks(this.ops, opts.authToken, opts.callbackDelayMs ?? 100);
    this.inbounds = new Inbound(this.ops, opts.authToken);
    this.setConcurrencyLimit(opts.concurrencyLimit ?? 0, opts.retryAfter);
    this.server = http.createServer((req, res) => void this.onRequest(req, res));
    // Node's 5 s default closes an idle keep-alive connection just as a client may reuse it
    // ("socket hang up" for a client without retries: the bench's baselines, between rounds).
    this.server.keepAliveTimeout = 30000;
    this.server.on('connection', (s: Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
  }

  async listen(port: number, host: string): Promise<void> {
    await this.storage.listen(host);
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        const addr = this.server.address() as AddressInfo;
        this.port = addr.port;
        const h = host.includes(':') ? `[${host}]` : host;
        this.url = `http://${h}:${addr.port}`;
        resolve();
      });
    });
  }

  clearLog(): void {
    this.log = [];
    this.maxInFlight = this.inFlight;
  }

  inject(f: Fault): void {
    this.faults.add(f);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  get callbacks(): CallbackLogEntry[] {
    return this.statusCallbacks.log;
  }

  inbound(req: Partial<InboundRequest> & { to: string; from: string }): Promise<InboundResult> {
    const accountSid = req.accountSid || SANDBOX_DEFAULTS.accountSid;
    this.ops.ensureMainAccount(accountSid);
    return this.inbounds.handle({ ...req, accountSid });
  }

  setConcurrencyLimit(limit: number, retryAfter = 1): void {
    if (!(Number.isInteger(limit) && limit >= 0)) throw new Error('concurrency limit must be an integer ≥ 0 (0 = no limit)');
    if (!(typeof retryAfter === 'number' && retryAfter >= 0)) throw new Error('retryAfter must be a number of seconds ≥ 0');
    this.concurrency = { limit, retryAfter };
  }

  reset(): void {
    this.statusCallbacks.reset();
    this.inbounds.history = [];
    this.store.reset();
    this.storage.reset();
    this.faults.clear();
    this.setConcurrencyLimit(this.opts.concurrencyLimit ?? 0, this.opts.retryAfter);
    this.clearLog();
  }

  seed(accountSid: string, objectId: string, records: Array<Record<string, unknown>>, parents: string[] = []): Rec[] {
    if (!ACCOUNT_SID.test(accountSid)) throw new Error(`seed: '${accountSid}' is not an Account SID`);
    const entry = indexEntry(objectId);
    if (entry && entry.product !== 'api.v2010') {
      this.ops.ensureMainAccount(accountSid);
      return this.productService(entry.product).ops.seed(accountSid, objectId, records, parents);
    }
    return this.ops.seed(accountSid, objectId, records, parents);
  }

  async close(): Promise<void> {
    for (const res of this.hung) res.destroy();
    this.hung.clear();
    await this.storage.close();
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      for (const s of this.sockets) s.destroy();
    });
  }

  private productService(key: string): { router: Router; ops: Operations } {
    let svc = this.products.get(key);
    if (!svc) {
      const model = new CatalogModel(loadCatalog(key));
      const host = loadIndex().products[key].host;
      svc = { router: new Router(model.catalog), ops: new Operations(model, this.store, this.opts.authToken, { key, host }) };
      this.products.set(key, svc);
    }
    return svc;
  }

  /**
   * Which API a path is for: /2010-04-01/… is v2010; /<domain>/<version>/… a product
   * (/verify/v2/Services), /preview/… the versionless preview API. Returns the path the
   * product itself would see.
   */
  private serviceFor(path: string): { router: Router; ops: Operations; path: string } {
    const segs = path.split('/');
    const label = segs[1] ?? '';
    const products = loadIndex().products;
    const versioned = `${label}.${segs[2] ?? ''}`;
    if (label !== 'api' && Object.prototype.hasOwnProperty.call(products, versioned)) {
      return { ...this.productService(versioned), path: '/' + segs.slice(2).join('/') };
    }
    if (label !== 'api' && Object.prototype.hasOwnProperty.call(products, label)) {
      return { ...this.productService(label), path: '/' + segs.slice(2).join('/') };
    }
    return { router: this.router, ops: this.ops, path };
  }

  // ---- request pipeline ------------------------------------------------------

  private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const rawQuery = q < 0 ? '' : url.slice(q + 1);
    const method = (req.method ?? 'GET').toUpperCase();

    if (path.startsWith(CONTROL_PREFIX)) return this.onControl(req, res, method, path);

    const arrivedAt = performance.now();
    this.inFlight++;
    if (this.inFlight > this.maxInFlight) this.maxInFlight = this.inFlight;
    const entry: LogEntry = {
      id: this.nextId++,
      method,
      path,
      rawQuery,
      query: parseParams(rawQuery),
      rawBody: '',
      form: {},
      receivedAt: Date.now(),
    };
    this.log.push(entry);
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      this.inFlight--;
      entry.respondedAt = Date.now();
    };
    res.on('close', finish);

    try {
      entry.rawBody = await readBody(req);
      if (this.overConcurrencyLimit(req, path, res)) {
        entry.fault = 'concurrency-limit';
        const e = tooManyRequestsError(this.concurrency.retryAfter);
        return this.send(res, entry, { status: 429, body: e.toBody(), headers: e.headers });
      }
      const contentType = String(req.headers['content-type'] ?? '');
      const writes = method === 'POST' || method === 'PUT';
      if (writes && /application\/json/i.test(contentType)) {
        entry.form = parseJson(entry.rawBody);
      } else if (writes && (contentType === '' || /application\/x-www-form-urlencoded/i.test(contentType))) {
        entry.form = parseParams(entry.rawBody);
      }
      const service = this.serviceFor(path);
      const match = service.router.match(method, service.path);
      if (match.kind === 'found') entry.operationId = match.route.op.operationId;

      const before = this.faults.take('before', { method, path, operationId: entry.operationId });
      if (before) {
        entry.fault = `before:${before.kind}`;
        if (await this.applyFault(before, res, entry, arrivedAt)) return;
      }

      let result: OpResult;
      try {
        const content = method === 'GET' && match.kind !== 'found' ? contentRoute(path) : undefined;
        result = content ? this.redirectToContent(req, entry, content) : this.process(req, entry, match, service);
      } catch (e) {
        if (!(e instanceof SandboxError)) throw e;
        result = { status: e.status, body: e.toBody(), headers: e.headers };
      }

      const after = this.faults.take('after', { method, path, operationId: entry.operationId });
      if (after) {
        entry.fault = `${entry.fault ? entry.fault + ',' : ''}after:${after.kind}`;
        if (after.kind === 'drip') return this.send(res, entry, result, after.ms);
        if (await this.applyFault(after, res, entry, arrivedAt)) return;
      }
      if (before && before.kind === 'drip') return this.send(res, entry, result, before.ms);
      this.send(res, entry, result);
    } catch (e) {
      const err = internalError();
      this.send(res, entry, { status: 500, body: { ...err.toBody(), message: `Sandbox error: ${(e as Error).message}` } });
    }
  }

  /**
   * The account concurrency limit: counts this request against the account the path names
   * (or the caller) until its response closes; true when the account is already at its limit.
   */
  private overConcurrencyLimit(req: http.IncomingMessage, path: string, res: http.ServerResponse): boolean {
    if (!this.concurrency.limit) return false;
    const account = /^\/2010-04-01\/Accounts\/(AC[0-9a-fA-F]{32})/.exec(path)?.[1] ?? basicCredentials(req)?.user ?? '';
    const now = this.accountInFlight.get(account) ?? 0;
    if (now >= this.concurrency.limit) return true;
    this.accountInFlight.set(account, now + 1);
    res.on('close', () => {
      const left = (this.accountInFlight.get(account) ?? 1) - 1;
      if (left > 0) this.accountInFlight.set(account, left);
      else this.accountInFlight.delete(account);
    });
    return false;
  }

  /** Auth, routing, ownership, then the operation. Throws SandboxError for Twilio errors. */
  private process(req: http.IncomingMessage, entry: LogEntry, match: ReturnType<Router['match']>,
    service: { ops: Operations; path: string }): OpResult {
    const path = service.path;
    const creds = basicCredentials(req);
    entry.authUser = creds?.user;
    const caller = authenticate(creds, this.opts, this.store);
    if (!caller) throw authenticateError();
    if (caller.kind === 'token') this.ops.ensureMainAccount(caller.user);

    if (match.kind === 'not-found') throw notFoundError(path);
    if (match.kind === 'method-not-allowed') throw methodNotAllowedError(entry.method);
    const { route } = match;
    const { op } = route;

    // The account a path names: {AccountSid}, or {Sid} of /Accounts/{Sid}.json.
    const accountParam = /^\/2010-04-01\/Accounts\/\{(\w+)\}/.exec(op.path)?.[1];
    const target = accountParam ? route.params[accountParam] : undefined;
    const accountsResource = /^\/2010-04-01\/Accounts(\/\{\w+\})?\.json$/.test(op.path);
    if (caller.kind === 'standard-key' && accountsResource) throw authenticateError();

    const acting = this.actingAccount(caller, target);
    if (target !== undefined) {
      if (!ACCOUNT_SID.test(target)) throw notFoundError(path);
      if (!this.store.mayActFor(acting, target)) throw authenticateError();
    }
    const accountSid = op.accountScoped ? (target as string) : acting;
    entry.accountSid = target ?? acting;

    for (const part of op.chain) {
      const v = route.params[part.name];
      if (part.pattern && !new RegExp(part.pattern).test(v)) throw notFoundError(path);
    }
    const result = service.ops.handle({
      route,
      accountSid,
      path,
      query: entry.query,
      form: entry.form,
      baseUrl: this.url,
    });
    // A created Message or Call with StatusCallback: its callbacks follow (sandbox/callbacks.ts).
    if (route.object.actions.create === op && result.status < 300) this.statusCallbacks.afterCreate(accountSid, entry.form, result.body as Rec);
    return result;
  }

  /** A content URL: the record must exist for the caller; then 302 to the storage host. */
  private redirectToContent(req: http.IncomingMessage, entry: LogEntry, content: NonNullable<ReturnType<typeof contentRoute>>): OpResult {
    try {
      const record = this.process(req, entry, this.router.match('GET', content.jsonPath), { ops: this.ops, path: content.jsonPath });
      if (record.status !== 200) return record;
    } catch (e) {
      // a call's or conference's recording is served at the account's Recordings path too
      const found = this.store.findBySid(content.file.replace(/\.\w+$/, ''));
      if (!(e instanceof SandboxError && e.status === 404 && found && found.account_sid === entry.accountSid)) throw e;
    }
    return { status: 302, headers: { Location: this.storage.locationOf(content) } };
  }

  /** The start-up API key acts as whichever account the path names. */
  private actingAccount(caller: Caller, target: string | undefined): string {
    if (caller.accountSid) return caller.accountSid;
    const sid = target && ACCOUNT_SID.test(target) && !this.store.ownerOf(target) ? target : undefined;
    const acting = sid ?? (target && this.store.ownerOf(target)) ?? SANDBOX_DEFAULTS.accountSid;
    this.ops.ensureMainAccount(acting);
    return acting;
  }

  /** Returns true when the fault ended (or will never end) the response. */
  private async applyFault(f: Fault, res: http.ServerResponse, entry: LogEntry, arrivedAt: number): Promise<boolean> {
    switch (f.kind) {
      case 'latency': {
        // Counted from the request's arrival, as a network's latency would be: the time spent
        // reading and (for "after") processing it is part of the delay, not added to it.
        const wait = arrivedAt + (f.ms ?? 0) - performance.now();
        if (wait > 0) await sleep(wait);
        return false;
      }
      case '429': {
        const e = tooManyRequestsError(f.retryAfter ?? 1);
        this.send(res, entry, { status: 429, body: e.toBody(), headers: e.headers });
        return true;
      }
      case '500':
      case '503':
        this.send(res, entry, { status: Number(f.kind), body: { ...internalError().toBody(), status: Number(f.kind) } });
        return true;
      case 'drip':
        return false; // applied to the answer when it is sent
      case 'reset':
        entry.status = 0;
        res.socket?.destroy();
        return true;
      case 'hang':
        this.hung.add(res);
        res.on('close', () => this.hung.delete(res));
        return true;
    }
  }

  private send(res: http.ServerResponse, entry: LogEntry, result: OpResult, dripMs?: number): void {
    entry.status = result.status;
    const headers: Record<string, string> = { ...(result.headers ?? {}), 'Twilio-Concurrent-Requests': String(this.inFlight) };
    if (result.body === undefined || result.status === 204) {
      res.writeHead(result.status, headers);
      res.end();
      return;
    }
    const bytes = toJsonBytes(result.body);
    res.writeHead(result.status, {
      ...headers,
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': String(bytes.length),
    });
    if (dripMs === undefined) return void res.end(bytes);
    let i = 0;
    const timer = setInterval(() => {
      if (res.destroyed || i >= bytes.length) {
        clearInterval(timer);
        if (!res.destroyed) res.end();
        return;
      }
      res.write(bytes.subarray(i, ++i));
    }, dripMs);
    res.on('close', () => clearInterval(timer));
  }

  // ---- control routes (no auth, loopback only) ------------------------------

  private async onControl(req: http.IncomingMessage, res: http.ServerResponse, method: string, path: string): Promise<void> {
    const reply = (status: number, body?: unknown) => {
      const text = body === undefined ? '' : JSON.stringify(body);
      res.writeHead(status, body === undefined ? {} : { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(text);
    };
    if (!isLoopback(req.socket)) return reply(403, { message: 'control routes answer loopback callers only' });
    try {
      const raw = await readBody(req);
      const json = () => (raw ? JSON.parse(raw) : {});
      const route = `${method} ${path.replace(/\/$/, '')}`;
      if (route === 'GET /__sandbox/log') return reply(200, { log: this.log, maxInFlight: this.maxInFlight });
      if (route === 'DELETE /__sandbox/log') return (this.clearLog(), reply(204));
      if (route === 'GET /__sandbox/faults') return reply(200, { faults: this.faults.list() });
      if (route === 'POST /__sandbox/faults') return (this.inject(json()), reply(201, { faults: this.faults.list() }));
      if (route === 'DELETE /__sandbox/faults') return (this.clearFaults(), reply(204));
      if (route === 'POST /__sandbox/reset') return (this.reset(), reply(204));
      if (route === 'POST /__sandbox/concurrency-limit') {
        const b = json();
        this.setConcurrencyLimit(b.limit, b.retryAfter ?? 1);
        return reply(200, this.concurrency);
      }
      if (route === 'POST /__sandbox/seed') {
        const b = json();
        const records = this.seed(b.accountSid, b.objectId, b.records ?? [], b.parents ?? []);
        return reply(201, { count: records.length, records });
      }
      if (route === 'POST /__sandbox/inbound') return reply(200, await this.inbound(json()));
      if (route === 'GET /__sandbox/inbound') return reply(200, { inbound: this.inbounds.history });
      if (route === 'GET /__sandbox/callbacks') return reply(200, { callbacks: this.callbacks });
      if (method === 'GET' && path.startsWith('/__sandbox/data/')) {
        // Where the add-on payload Data redirect points.
        return reply(200, { payload_sid: decodeURIComponent(path.slice('/__sandbox/data/'.length)), data: {} });
      }
      return reply(404, { message: `no control route ${route}` });
    } catch (e) {
      return reply(400, { message: (e as Error).message });
    }
  }
}

/** A JSON request body; one that does not parse is kept as its text (the operation refuses it). */
function parseJson(text: string): Record<string, string | string[]> {
  try {
    return JSON.parse(text);
  } catch {
    return text as unknown as Record<string, string | string[]>;
  }
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new SandboxError(413, 20001, 'Request body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const server = new SandboxServer({ ...opts, authToken: opts.authToken ?? SANDBOX_DEFAULTS.authToken });
  await server.listen(opts.port ?? SANDBOX_DEFAULTS.port, opts.host ?? '127.0.0.1');
  return server;
}

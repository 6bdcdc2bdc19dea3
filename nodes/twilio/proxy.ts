// The HTTP(S) proxy between the account and Twilio, resolved as Node-RED's core http request
// node does: an `http proxy` config node chosen on the account (URL, no-proxy list, user and
// password), else the environment (`https_proxy`/`HTTPS_PROXY` for https targets,
// `http_proxy`/`HTTP_PROXY` for http, `all_proxy`, `no_proxy`/`NO_PROXY`). Loopback targets
// never go through a proxy. HTTPS goes through a CONNECT tunnel opened by our own agent, so
// the tunnel's setup is bounded by the account's timeout (a proxy that never answers CONNECT
// ends in TIMEOUT) and the Authorization header travels only inside TLS to the target.
// See docs/proxies.md.
import * as http from 'http';
import * as https from 'https';
import * as net from 'net';
import * as tls from 'tls';

export interface ProxySettings {
  /** http://host:port (an `http proxy` config node's URL) */
  url: string;
  /** hosts that bypass the proxy (the config node's list) */
  noProxy?: string[];
  username?: string;
  password?: string;
}

function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

function env(names: string[], source: NodeJS.ProcessEnv): string | undefined {
  for (const n of names) if (source[n]) return source[n];
  return undefined;
}

/** Does a no_proxy list (`*`, `example.com`, `.example.com`, `host:port`) exempt this target? */
export function bypassesProxy(target: URL, list: string[]): boolean {
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  return list.map((e) => e.trim().toLowerCase()).filter(Boolean).some((entry) => {
    if (entry === '*') return true;
    const m = /^(.*?)(?::(\d+))?$/.exec(entry) as RegExpExecArray;
    if (m[2] && m[2] !== port) return false;
    const name = m[1].replace(/^\*?\./, '');
    return host === name || host.endsWith('.' + name);
  });
}

/** The proxy URL for a target, or undefined for a direct connection. */
export function proxyFor(target: URL, settings: ProxySettings | undefined, source: NodeJS.ProcessEnv = process.env): URL | undefined {
  if (isLoopback(target.hostname)) return undefined;
  let url: string | undefined;
  let noProxy: string[];
  if (settings && settings.url) {
    url = settings.url;
    noProxy = settings.noProxy || [];
  } else {
    url = target.protocol === 'https:'
      ? env(['https_proxy', 'HTTPS_PROXY', 'all_proxy', 'ALL_PROXY'], source)
      : env(['http_proxy', 'HTTP_PROXY', 'all_proxy', 'ALL_PROXY'], source);
    noProxy = (env(['no_proxy', 'NO_PROXY'], source) || '').split(/[,\s]+/);
  }
  if (!url || bypassesProxy(target, noProxy)) return undefined;
  const proxy = new URL(url.includes('://') ? url : `http://${url}`);
  if (settings && (settings.username || settings.password)) {
    proxy.username = encodeURIComponent(settings.username || '');
    proxy.password = encodeURIComponent(settings.password || '');
  }
  return proxy;
}

type Callback = (err: Error | null, stream: any) => void; // eslint-disable-line @typescript-eslint/no-explicit-any

function tunnelError(code: string): Error {
  return Object.assign(new Error(code), { code });
}

/**
 * An https.Agent whose sockets are TLS sessions inside a CONNECT tunnel through the proxy.
 * Keep-alive pooling works as for a direct agent; only setting up a socket differs.
 */
export class TunnelAgent extends https.Agent {
  constructor(private readonly proxy: URL, private readonly connectTimeout: number, options: https.AgentOptions) {
    super(options);
  }

  createConnection(options: any, callback?: Callback): undefined { // eslint-disable-line @typescript-eslint/no-explicit-any
    const target = `${options.host}:${options.port || 443}`;
    const headers: Record<string, string> = { Host: target };
    if (this.proxy.username || this.proxy.password) {
      const auth = `${decodeURIComponent(this.proxy.username)}:${decodeURIComponent(this.proxy.password)}`;
      headers['Proxy-Authorization'] = 'Basic ' + Buffer.from(auth).toString('base64');
    }
    const lib = this.proxy.protocol === 'https:' ? https : http;
    let done = false;
    const finish = (err: Error | null, socket?: net.Socket) => {
      if (done) return;
      done = true;
      if (callback) callback(err, socket);
    };
    const req = lib.request({
      host: this.proxy.hostname.replace(/^\[|\]$/g, ''),
      port: this.proxy.port || (this.proxy.protocol === 'https:' ? 443 : 80),
      method: 'CONNECT',
      path: target,
      headers,
      agent: false,
      timeout: this.connectTimeout,
    });
    req.on('timeout', () => {
      if (done) return;
      req.destroy();
      finish(tunnelError('ETIMEDOUT'));
    });
    req.on('error', (err) => finish(Object.assign(err, { code: (err as NodeJS.ErrnoException).code || 'EPROXY' })));
    req.on('connect', (res: http.IncomingMessage, socket: net.Socket) => {
      socket.setTimeout(0); // the CONNECT's bound; the pooled socket then follows the agent's
      if (res.statusCode !== 200) {
        socket.destroy();
        finish(tunnelError(res.statusCode === 407 ? 'EPROXYAUTH' : 'EPROXY'));
        return;
      }
      const servername = net.isIP(options.host) ? undefined : options.host;
      finish(null, tls.connect({ ...options, socket, servername }));
    });
    req.end();
    return undefined;
  }
}

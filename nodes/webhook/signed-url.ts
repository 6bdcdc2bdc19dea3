// The URL Twilio signed: the public root (publicUrl, or the request's own origin) followed by
// the path and query exactly as received, including httpNodeRoot (docs/webhooks.md).
import type { IncomingMessage } from 'http';

export interface SignedUrlOptions {
  /** the server root Twilio calls, e.g. https://example.com or https://example.com/nodered */
  publicUrl?: string;
  /** trust X-Forwarded-Proto / X-Forwarded-Host (only behind a proxy the user controls) */
  behindProxy?: boolean;
}

type Req = IncomingMessage & { originalUrl?: string };

function firstHeader(req: Req, name: string): string | undefined {
  const v = req.headers[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s ? s.split(',')[0].trim() : undefined;
}

/** The origin the request came to: its own, or the proxy's when the user said it is behind one. */
export function requestOrigin(req: Req, behindProxy = false): string {
  const encrypted = Boolean((req.socket as { encrypted?: boolean }).encrypted);
  const proto = (behindProxy && firstHeader(req, 'x-forwarded-proto')) || (encrypted ? 'https' : 'http');
  const host = (behindProxy && firstHeader(req, 'x-forwarded-host')) || req.headers.host || '';
  return `${proto}://${host}`;
}

/** `req.originalUrl` keeps httpNodeRoot (`/api/...`) where a route's own `req.url` does not. */
export function signedUrl(req: Req, opts: SignedUrlOptions): string {
  const root = (opts.publicUrl || '').trim().replace(/\/+$/, '') || requestOrigin(req, opts.behindProxy);
  return root + (req.originalUrl ?? req.url ?? '/');
}

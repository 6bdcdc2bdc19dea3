// HTTP Basic authentication as Twilio does it: Account SID + Auth Token, or an API
// key SID + secret. The sandbox has one Auth Token for every main account.
import * as crypto from 'crypto';
import type { IncomingMessage } from 'http';
import type { Store } from './store';

export const ACCOUNT_SID = /^AC[0-9a-fA-F]{32}$/;

export interface Caller {
  /** the Basic username as sent */
  user: string;
  /** the account the credentials act as; undefined for the start-up key until a path names one */
  accountSid?: string;
  kind: 'token' | 'main-key' | 'standard-key';
  /** the start-up API key is valid for any account */
  anyAccount: boolean;
}

export interface AuthConfig {
  authToken: string;
  apiKeySid?: string;
  apiKeySecret?: string;
}

export function basicCredentials(req: IncomingMessage): { user: string; pass: string } | undefined {
  const header = req.headers.authorization;
  if (!header || !/^Basic /i.test(header)) return undefined;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  if (i < 0) return undefined;
  return { user: decoded.slice(0, i), pass: decoded.slice(i + 1) };
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/** The caller the credentials name, or undefined (→ 20003). */
export function authenticate(creds: { user: string; pass: string } | undefined, config: AuthConfig, store: Store): Caller | undefined {
  if (!creds) return undefined;
  const { user, pass } = creds;
  if (ACCOUNT_SID.test(user) && same(pass, config.authToken)) {
    return { user, accountSid: user, kind: 'token', anyAccount: false };
  }
  if (config.apiKeySid && config.apiKeySecret && user === config.apiKeySid && same(pass, config.apiKeySecret)) {
    return { user, kind: 'main-key', anyAccount: true };
  }
  const key = store.key(user);
  if (key && same(pass, key.secret)) {
    return { user, accountSid: key.accountSid, kind: key.kind === 'main' ? 'main-key' : 'standard-key', anyAccount: false };
  }
  return undefined;
}

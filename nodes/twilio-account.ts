// twilio-account: one Twilio account (credentials, region/edge or a base URL, limiter, retries).
import { ACCOUNT_DEFAULTS, AccountService } from './twilio/account-service';
import { checkBaseUrl } from './twilio/host-rule';
import type { ProxySettings } from './twilio/proxy';
import { ErrorCodes, TwilioNodeError } from './common/errors';
import { t, useRuntime } from './common/i18n';
import type { RedApi, RedNode } from './common/untyped';
import { registerAdminRoutes, type AdminRED } from './admin/routes';

interface AccountNodeConfig {
  id: string;
  name?: string;
  authType?: 'token' | 'apikey';
  region?: string;
  edge?: string;
  baseUrl?: string;
  timeout?: number | string;
  maxRetries?: number | string;
  retryMaxWait?: number | string;
  maxConcurrent?: number | string;
  maxPerSecond?: number | string;
  defaultCountry?: string;
  defaultSender?: string;
  /** an `http proxy` config node id */
  proxy?: string;
}

// Less than Node-RED's 15 s close timeout, so the account lets go before Node-RED gives up.
const RELEASE_WAIT_MS = 12000;

function num(v: unknown, dflt: number, min: number): number {
  const n = typeof v === 'number' ? v : Number(String(v ?? '').trim() || NaN);
  return Number.isFinite(n) && n >= min ? n : dflt;
}

/** The chosen core `http proxy` config node as settings; none: the environment decides. */
function proxySettings(RED: RedApi, id: string | undefined): ProxySettings | undefined {
  const proxy = (id ? RED.nodes.getNode(id) : null) as
    { url?: string; noproxy?: string[]; credentials?: { username?: string; password?: string } } | null;
  if (!proxy || !proxy.url) return undefined;
  const creds = proxy.credentials || {};
  return { url: String(proxy.url), noProxy: Array.isArray(proxy.noproxy) ? proxy.noproxy : [], username: creds.username, password: creds.password };
}

export = function (RED: RedApi & AdminRED) {
  // Shared texts (errors, status, admin answers) in the runtime's language from here on.
  useRuntime(RED);
  function TwilioAccountNode(this: RedNode & { service: AccountService }, config: AccountNodeConfig) {
    RED.nodes.createNode(this, config);
    const node = this;
    const creds = node.credentials || {};
    let baseUrl = (config.baseUrl || '').trim();
    if (baseUrl) {
      try {
        baseUrl = checkBaseUrl(baseUrl);
      } catch (err) {
        node.error((err as Error).message);
      }
    }
    node.service = new AccountService({
      authType: config.authType === 'apikey' ? 'apikey' : 'token',
      accountSid: creds.accountSid || '',
      authToken: creds.authToken,
      apiKeySid: creds.apiKeySid,
      apiKeySecret: creds.apiKeySecret,
      baseUrl,
      region: (config.region || '').trim(),
      edge: (config.edge || '').trim(),
      timeout: num(config.timeout, ACCOUNT_DEFAULTS.timeout, 1),
      maxRetries: Math.floor(num(config.maxRetries, ACCOUNT_DEFAULTS.maxRetries, 0)),
      retryMaxWait: num(config.retryMaxWait, ACCOUNT_DEFAULTS.retryMaxWait, 0),
      maxConcurrent: Math.floor(num(config.maxConcurrent, ACCOUNT_DEFAULTS.maxConcurrent, 1)),
      maxPerSecond: num(config.maxPerSecond, ACCOUNT_DEFAULTS.maxPerSecond, 0),
      defaultCountry: (config.defaultCountry || '').trim().toUpperCase(),
      defaultSender: (config.defaultSender || '').trim(),
      // read on first use: the proxy config node may be created after this one
      get proxy() { return proxySettings(RED, config.proxy); },
    });
    node.on('close', (done: () => void) => {
      node.service.close(new TwilioNodeError(t('errors.closing'), ErrorCodes.closed), RELEASE_WAIT_MS).then(done, done);
    });
  }
  RED.nodes.registerType('twilio-account', TwilioAccountNode, {
    credentials: {
      accountSid: { type: 'text' },
      authToken: { type: 'password' },
      apiKeySid: { type: 'text' },
      apiKeySecret: { type: 'password' },
    },
  });
  // Editor routes (object list/detail, Test connection) live in one module.
  registerAdminRoutes(RED);
};

// The host rule: the account's credentials only ever go to https://*.twilio.com or a loopback
// address — checked for the base URL, every request and every page URI Twilio returns.
import { ErrorCodes, TwilioNodeError } from '../common/errors';
import { t } from '../common/i18n';

/** May this URL receive the account's credentials? */
export function isAllowedTarget(url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host)) {
    return url.protocol === 'http:' || url.protocol === 'https:';
  }
  return url.protocol === 'https:' && (host === 'twilio.com' || host.endsWith('.twilio.com'));
}

export function refuseHost(target: string): never {
  throw new TwilioNodeError(t('errors.hostRefused', { url: target }), ErrorCodes.hostRefused);
}

/** Checks a base URL as typed in the config node; returns it without a trailing slash. */
export function checkBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TwilioNodeError(t('errors.badBaseUrl', { url: baseUrl }), ErrorCodes.hostRefused);
  }
  if (!isAllowedTarget(url)) refuseHost(url.origin);
  return url.origin + url.pathname.replace(/\/+$/, '');
}

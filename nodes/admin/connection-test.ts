// Test connection (docs/architecture.md, "nodes/admin/"): fetch the account the credentials name and report its name,
// type and status — never anything secret (the Account record carries `auth_token`).
import { requestOnce, AccountSettings, HttpRequest, HttpResponse } from '../twilio/transport';
import { checkBaseUrl } from '../twilio/host-rule';
import { TwilioNodeError } from '../common/errors';
import { ACCOUNT_SID_PATTERN as ACCOUNT_SID } from '../request/sid-chain';

/** The account settings as the dialog holds them; the Account SID may still be missing. */
export type ConnectionInput = Omit<AccountSettings, 'accountSid' | 'maxSockets'> & { accountSid?: string };

/** What the editor shows. `kind` picks the sentence; Twilio's own words come through as-is. */
export type ConnectionResult =
  | { ok: true; kind: 'account'; account: { sid: string; friendlyName: string; type: string; status: string } }
  | { ok: true; kind: 'limited'; accountSid: string }
  | { ok: true; kind: 'testCredentials'; accountSid: string }
  | { ok: false; kind: 'twilio'; status: number; code?: number; message: string; moreInfo?: string };

/** A request the route refuses before anything is sent; `key` names the admin text. */
export class ConnectionTestError extends Error {
  constructor(
    readonly status: number,
    readonly key: string,
    readonly vars: Record<string, unknown> = {},
  ) {
    super(key);
  }
}

type Send = (settings: AccountSettings, req: HttpRequest) => Promise<HttpResponse>;

const API_KEY_SID = /^SK[0-9a-fA-F]{32}$/;
// Twilio: "Permission Denied" (a standard API key asking for /Accounts answers this too)
const PERMISSION_DENIED = 20003;
// Twilio: "Resource not accessible with Test Account Credentials"
const TEST_CREDENTIALS = 20008;

function twilioError(res: HttpResponse): ConnectionResult {
  const body = (res.body && typeof res.body === 'object' ? res.body : {}) as Record<string, unknown>;
  const message = typeof body.message === 'string' ? body.message : typeof res.body === 'string' && res.body ? res.body.slice(0, 300) : `HTTP ${res.status}`;
  return {
    ok: false,
    kind: 'twilio',
    status: res.status,
    code: typeof body.code === 'number' ? body.code : undefined,
    message,
    moreInfo: typeof body.more_info === 'string' ? body.more_info : undefined,
  };
}

function codeOf(res: HttpResponse): number | undefined {
  const body = res.body as { code?: unknown } | null;
  return body && typeof body.code === 'number' ? body.code : undefined;
}

function text(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

export async function testConnection(input: ConnectionInput, send: Send = requestOnce): Promise<ConnectionResult> {
  const accountSid = (input.accountSid || '').trim();
  if (!accountSid) throw new ConnectionTestError(400, 'missingAccountSid');
  if (!ACCOUNT_SID.test(accountSid)) throw new ConnectionTestError(400, 'badAccountSid');
  if (input.authType === 'apikey') {
    const keySid = (input.apiKeySid || '').trim();
    if (!keySid) throw new ConnectionTestError(400, 'missingApiKeySid');
    if (!API_KEY_SID.test(keySid)) throw new ConnectionTestError(400, 'badApiKeySid');
    if (!input.apiKeySecret) throw new ConnectionTestError(400, 'missingApiKeySecret');
  } else if (!input.authToken) {
    throw new ConnectionTestError(400, 'missingAuthToken');
  }
  if (input.baseUrl) {
    try {
      checkBaseUrl(input.baseUrl);
    } catch (err) {
      throw new ConnectionTestError(400, 'hostRefused', { url: input.baseUrl });
    }
  }
  const settings: AccountSettings = {
    authType: input.authType,
    accountSid,
    authToken: input.authType === 'token' ? input.authToken : undefined,
    apiKeySid: input.authType === 'apikey' ? (input.apiKeySid || '').trim() : undefined,
    apiKeySecret: input.authType === 'apikey' ? input.apiKeySecret : undefined,
    baseUrl: input.baseUrl || '',
    region: input.baseUrl ? '' : input.region || '',
    edge: input.baseUrl ? '' : input.edge || '',
    timeout: Math.min(input.timeout || 15000, 30000),
  };
  const sidPath = encodeURIComponent(accountSid);
  let res: HttpResponse;
  try {
    res = await send(settings, { method: 'GET', path: `/2010-04-01/Accounts/${sidPath}.json` });
  } catch (err) {
    // Errors from the client are project errors already (no request config, no header).
    if (err instanceof TwilioNodeError) throw err;
    throw new TwilioNodeError(String((err as Error).message || err), 'TRANSPORT_ERROR');
  }
  if (res.status === 200 && res.body && typeof res.body === 'object') {
    const a = res.body as Record<string, unknown>;
    return {
      ok: true,
      kind: 'account',
      account: { sid: text(a.sid) || accountSid, friendlyName: text(a.friendly_name), type: text(a.type), status: text(a.status) },
    };
  }
  if (res.status === 403 && codeOf(res) === TEST_CREDENTIALS) return { ok: true, kind: 'testCredentials', accountSid };
  if (input.authType === 'apikey' && (res.status === 401 || res.status === 403) && codeOf(res) === PERMISSION_DENIED) {
    // Standard keys may not read /Accounts; a list they can read proves the key authenticates.
    const probe = await send(settings, { method: 'GET', path: `/2010-04-01/Accounts/${sidPath}/Calls.json`, query: { PageSize: '1' } });
    if (probe.status === 200) return { ok: true, kind: 'limited', accountSid };
    return twilioError(probe);
  }
  return twilioError(res);
}

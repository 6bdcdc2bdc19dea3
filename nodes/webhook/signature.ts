// X-Twilio-Signature checked with the SDK's own validators: form bodies with their
// parameters, GET with the query in the URL, and any URL carrying bodySHA256 against the raw
// body bytes (docs/webhooks.md).

interface Validators {
  validateRequest(token: string, signature: string, url: string, params: Record<string, unknown>): boolean;
  validateRequestWithBody(token: string, signature: string, url: string, body: string): boolean;
}
let validators: Validators | undefined;
/** The SDK's validators, loaded when the first webhook arrives: a deploy never pays for the SDK. */
function webhooksOf(): Validators {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy on purpose, see above
  if (!validators) validators = require('twilio/lib/webhooks/webhooks') as Validators;
  return validators;
}

export type Params = Record<string, string | string[]>;

export interface SignedRequest {
  method: string;
  /** the URL Twilio called (signed-url.ts) */
  url: string;
  signature: string | undefined;
  contentType: 'form' | 'json' | 'none';
  rawBody: Buffer;
  /** form parameters (POST form); {} otherwise */
  form: Params;
}

/** Why a request was refused: an i18n key under `twilio-webhook.refused`, never the signature. */
export type Verdict = { ok: true } | { ok: false; reason: 'noSignature' | 'noToken' | 'jsonUnsigned' | 'badSignature' };

export function hasBodyHash(url: string): boolean {
  const q = url.indexOf('?');
  return q >= 0 && new URLSearchParams(url.slice(q + 1)).has('bodySHA256');
}

export function verifySignature(authToken: string | undefined, req: SignedRequest): Verdict {
  if (!req.signature) return { ok: false, reason: 'noSignature' };
  if (!authToken) return { ok: false, reason: 'noToken' };
  let valid: boolean;
  if (hasBodyHash(req.url)) {
    valid = webhooksOf().validateRequestWithBody(authToken, req.signature, req.url, req.rawBody.toString('utf8'));
  } else if (req.contentType === 'json') {
    // Twilio signs a JSON body only through bodySHA256: without it the body would be unsigned.
    return { ok: false, reason: 'jsonUnsigned' };
  } else {
    const params = req.method === 'POST' ? req.form : {};
    valid = webhooksOf().validateRequest(authToken, req.signature, req.url, params);
  }
  return valid ? { ok: true } : { ok: false, reason: 'badSignature' };
}

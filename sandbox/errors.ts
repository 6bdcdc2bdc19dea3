// Twilio's error vocabulary: the JSON body {code, message, more_info, status} the
// 2010-04-01 API answers with, and the few codes the sandbox itself raises.
// Codes and messages checked against https://www.twilio.com/docs/api/errors/<code>.

export interface TwilioErrorBody {
  code: number;
  message: string;
  more_info: string;
  status: number;
}

export class SandboxError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  toBody(): TwilioErrorBody {
    return { code: this.code, message: this.message, more_info: moreInfo(this.code), status: this.status };
  }
}

export function moreInfo(code: number): string {
  return `https://www.twilio.com/docs/errors/${code}`;
}

/** 20003: wrong credentials, or credentials that may not act on this account. */
export function authenticateError(): SandboxError {
  return new SandboxError(401, 20003, 'Authenticate');
}

/** 20404: the message names the path as requested, without the query string. */
export function notFoundError(path: string): SandboxError {
  return new SandboxError(404, 20404, `The requested resource ${path} was not found`);
}

/** 20004: the path exists but not for this HTTP method. */
export function methodNotAllowedError(method: string): SandboxError {
  return new SandboxError(405, 20004, `Method not allowed: ${method}`);
}

/** 20001: Twilio's generic "invalid parameter" for values the API cannot accept. */
export function invalidParameterError(message: string): SandboxError {
  return new SandboxError(400, 20001, message);
}

/** 20429: too many requests; "not processed, safe to retry". */
export function tooManyRequestsError(retryAfter?: number): SandboxError {
  const headers: Record<string, string> = retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) };
  return new SandboxError(429, 20429, 'Too Many Requests', headers);
}

/** 20500: an internal error (used by injected 500 faults). */
export function internalError(): SandboxError {
  return new SandboxError(500, 20500, 'Internal Server Error');
}

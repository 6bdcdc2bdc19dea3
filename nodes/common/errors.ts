// The one error type the nodes raise. Node-RED rebuilds msg.error from the Error object
// (message, code, ...), so the code lives on the Error itself.
// Vocabulary follows twilio-node's RestException: status, code, message, moreInfo, details.

/** Codes for errors the project raises itself (Twilio's own codes are numbers). */
export const ErrorCodes = {
  invalidSidChain: 'INVALID_SID_CHAIN',
  invalidObject: 'INVALID_OBJECT',
  invalidRequest: 'INVALID_REQUEST',
  missingParameter: 'MISSING_PARAMETER',
  unknownParameter: 'UNKNOWN_PARAMETER',
  invalidParameter: 'INVALID_PARAMETER',
  invalidFilter: 'INVALID_FILTER',
  invalidDate: 'INVALID_DATE',
  invalidXml: 'INVALID_XML',
  hostRefused: 'HOST_REFUSED',
  credentials: 'MISSING_CREDENTIALS',
  transport: 'TRANSPORT_ERROR',
  timeout: 'TIMEOUT',
  mayHaveBeenProcessed: 'MAY_HAVE_BEEN_PROCESSED',
  closed: 'NODE_CLOSED',
  badResponse: 'BAD_RESPONSE',
} as const;

export type ProjectErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/** What Twilio answered, as twilio-node's RestException names it. */
export interface TwilioErrorDetail {
  status: number;
  code?: number;
  message: string;
  moreInfo?: string;
  details?: unknown;
}

export class TwilioNodeError extends Error {
  code: ProjectErrorCode | number;
  /** Twilio's error when Twilio answered; absent for validation and transport errors */
  twilio?: TwilioErrorDetail;
  /** Twilio's raw error body (JSON), for the error output */
  body?: unknown;
  /** a Create/Update whose answer was unusable (BAD_RESPONSE) may still have been carried out */
  mayHaveBeenProcessed?: boolean;

  constructor(message: string, code: ProjectErrorCode | number, twilio?: TwilioErrorDetail, body?: unknown) {
    super(message);
    this.name = 'TwilioNodeError';
    this.code = code;
    if (twilio) this.twilio = twilio;
    if (body !== undefined) this.body = body;
  }

  /** Node-RED builds msg.error.message from toString(): the message alone, no class name. */
  toString(): string {
    return this.message;
  }
}

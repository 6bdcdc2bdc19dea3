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
  /** the short node status for this error ("missing To"), when the code alone says too little */
  statusText?: string;
  /** a Create/Update whose answer was unusable (BAD_RESPONSE) may still have been carried out */
  mayHaveBeenProcessed?: boolean;

  constructor(message: string, code: ProjectErrorCode | number, twilio?: TwilioErrorDetail, body?: unknown) {
    super(message);
    this.name = 'TwilioNodeError';
    this.code = code;
    if (twilio) this.twilio = twilio;
    if (body !== undefined) this.body = body;
  }

  /** Sets the short node status (runtime/node-status.ts shows it under the node). */
  withStatus(text: string): this {
    this.statusText = text;
    return this;
  }

  /** Node-RED builds msg.error.message from toString(): the message alone, no class name. */
  toString(): string {
    return this.message;
  }
}

/**
 * What to hand Node-RED's done(): the message as text that still carries its code. Node-RED shows
 * an Error in the debug sidebar as an object (name, message, stack with install paths) but text as
 * a red line, as core nodes' errors read; its catch path copies an own `code` onto msg.error.code.
 */
export function forNodeRed(err: TwilioNodeError): Error {
  const text = Object.assign(new String(err.message), { code: err.code });
  return text as unknown as Error;
}

// What a webhook emits: msg.payload (the parameters as Twilio sent them) and msg.twilio
// (the event and the Sids, numbers and status found in them).
import type { Params } from './signature';

export const EVENTS = ['any', 'incoming-message', 'incoming-call', 'message-status', 'call-status', 'recording'] as const;
export type WebhookEvent = (typeof EVENTS)[number];

export interface WebhookSummary {
  event: string;
  accountSid?: string;
  sid?: string;
  from?: string;
  to?: string;
  status?: string;
}

const first = (p: Params, ...names: string[]): string | undefined => {
  for (const n of names) {
    const v = p[n];
    if (typeof v === 'string' && v !== '') return v;
  }
  return undefined;
};

/** The event Twilio's parameters describe; `configured` only fills in when they say nothing. */
export function detectEvent(p: Params, configured: string): string {
  if (first(p, 'RecordingSid', 'TranscriptionSid')) return 'recording';
  const messageStatus = first(p, 'MessageStatus', 'SmsStatus');
  if (first(p, 'MessageSid', 'SmsSid')) {
    const incoming = messageStatus === 'received' || (!first(p, 'MessageStatus') && p.Body !== undefined);
    return incoming ? 'incoming-message' : 'message-status';
  }
  if (first(p, 'CallSid')) {
    const inbound = /^inbound/.test(first(p, 'Direction') ?? '');
    return inbound && first(p, 'CallStatus') === 'ringing' ? 'incoming-call' : 'call-status';
  }
  return configured && configured !== 'any' ? configured : 'unknown';
}

export function summarise(p: Params, configured: string): WebhookSummary {
  const out: WebhookSummary = { event: detectEvent(p, configured) };
  const fields: Array<[keyof WebhookSummary, string[]]> = [
    ['accountSid', ['AccountSid']],
    ['sid', ['MessageSid', 'SmsSid', 'RecordingSid', 'TranscriptionSid', 'CallSid']],
    ['from', ['From']],
    ['to', ['To']],
    ['status', ['MessageStatus', 'SmsStatus', 'RecordingStatus', 'TranscriptionStatus', 'CallStatus']],
  ];
  for (const [key, names] of fields) {
    const v = first(p, ...names);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/** A JSON body's top level as parameters (values kept as sent). */
export function jsonParams(body: unknown): Params {
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Params) : {};
}

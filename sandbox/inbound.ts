// POST /__sandbox/inbound: an incoming SMS or call to a seeded IncomingPhoneNumber. The
// sandbox stores the inbound Message or Call, calls the number's SmsUrl/VoiceUrl signed with
// the account's Auth Token, and acts on the TwiML answer: a <Message> becomes a reply message
// record; <Say>, <Play>, <Hangup>… are recorded on the call, which then completes.
import { xml2js, type Element } from 'xml-js';
import type { Operations } from './operations';
import { sendSignedWebhook } from './webhook-sender';

export interface InboundRequest {
  accountSid: string;
  /** the seeded number called or texted (E.164) */
  to: string;
  from: string;
  body?: string;
  kind?: 'sms' | 'call';
}

export interface InboundAction {
  verb: string;
  text?: string;
  attributes?: Record<string, string>;
  /** a reply message's Sid */
  sid?: string;
}

export interface InboundResult {
  kind: 'sms' | 'call';
  url: string;
  /** the inbound Message or Call Sid */
  sid: string;
  status: number;
  twiml: string;
  actions: InboundAction[];
}

function twimlVerbs(xml: string): Element[] {
  try {
    const doc = xml2js(xml, { compact: false }) as Element;
    const root = (doc.elements ?? []).find((e) => e.type === 'element' && e.name === 'Response');
    return (root?.elements ?? []).filter((e) => e.type === 'element');
  } catch {
    return [];
  }
}

const textOf = (e: Element): string => (e.elements ?? []).map((c) => String(c.text ?? c.cdata ?? (c.type === 'element' && c.name === 'Body' ? textOf(c) : ''))).join('');

export class Inbound {
  history: InboundResult[] = [];

  constructor(private readonly ops: Operations, private readonly authToken: string) {}

  async handle(req: InboundRequest): Promise<InboundResult> {
    const kind = req.kind === 'call' ? 'call' : 'sms';
    if (!req.to || !req.from) throw new Error('inbound needs "to" (a seeded IncomingPhoneNumber) and "from"');
    const number = this.ops.list(req.accountSid, 'api.v2010.IncomingPhoneNumbers').find((n) => n.phone_number === req.to);
    if (!number) throw new Error(`no IncomingPhoneNumber ${req.to} in account ${req.accountSid}: seed one with sms_url/voice_url`);
    const url = String((kind === 'sms' ? number.sms_url : number.voice_url) ?? '');
    if (!url) throw new Error(`IncomingPhoneNumber ${req.to} has no ${kind === 'sms' ? 'sms_url' : 'voice_url'}`);
    const method = String((kind === 'sms' ? number.sms_method : number.voice_method) || 'POST');
    const { sid, params } = kind === 'sms' ? this.incomingMessage(req) : this.incomingCall(req);
    const answer = await sendSignedWebhook(url, params, this.authToken, method);
    const result: InboundResult = { kind, url, sid, status: answer.status, twiml: answer.body, actions: [] };
    if (answer.status >= 200 && answer.status < 300) result.actions = this.act(req, kind, sid, answer.body);
    this.history.push(result);
    return result;
  }

  private incomingMessage(req: InboundRequest): { sid: string; params: Record<string, string> } {
    const [rec] = this.ops.seed(req.accountSid, 'api.v2010.Messages', [{ to: req.to, from: req.from, body: req.body ?? '', status: 'received', direction: 'inbound', num_segments: '1', num_media: '0' }]);
    const sid = String(rec.sid);
    return { sid, params: {
      MessageSid: sid, SmsSid: sid, SmsMessageSid: sid, AccountSid: req.accountSid, From: req.from, To: req.to,
      Body: req.body ?? '', NumMedia: '0', NumSegments: '1', SmsStatus: 'received', ApiVersion: '2010-04-01',
    } };
  }

  private incomingCall(req: InboundRequest): { sid: string; params: Record<string, string> } {
    const [rec] = this.ops.seed(req.accountSid, 'api.v2010.Calls', [{ to: req.to, from: req.from, status: 'ringing', direction: 'inbound' }]);
    const sid = String(rec.sid);
    return { sid, params: {
      CallSid: sid, AccountSid: req.accountSid, From: req.from, To: req.to, CallStatus: 'ringing', Direction: 'inbound', ApiVersion: '2010-04-01',
    } };
  }

  /** What the TwiML asks for: replies become messages; a call's verbs are recorded, then it completes. */
  private act(req: InboundRequest, kind: 'sms' | 'call', sid: string, twiml: string): InboundAction[] {
    const actions: InboundAction[] = [];
    for (const verb of twimlVerbs(twiml)) {
      const attributes = Object.fromEntries(Object.entries(verb.attributes ?? {}).map(([k, v]) => [k, String(v)]));
      const action: InboundAction = { verb: String(verb.name), text: textOf(verb), attributes };
      if (verb.name === 'Message' || verb.name === 'Sms') {
        const [reply] = this.ops.seed(req.accountSid, 'api.v2010.Messages', [{
          from: attributes.from || req.to, to: attributes.to || req.from, body: action.text, status: 'sent', direction: 'outbound-reply', num_segments: '1',
        }]);
        action.sid = String(reply.sid);
      }
      actions.push(action);
      if (verb.name === 'Hangup' || verb.name === 'Reject') break;
    }
    if (kind === 'call') this.ops.patch(req.accountSid, 'api.v2010.Calls', sid, { status: 'completed' });
    return actions;
  }
}

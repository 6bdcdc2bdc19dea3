// twilio-twiml's runtime: evaluates each row's typedInputs, checks them against the verb table
// and builds the TwiML with the SDK; or checks a whole document. Sets msg.payload and the
// text/xml content type for a core http response node.
import { evaluateProperty } from '../runtime/typed-input';
import { buildTwiml } from './build';
import { checkTwimlDocument } from './document';
import { rowsToTree, type TwimlRow } from './rows';
import type { TwimlKind } from './table';

/* eslint-disable @typescript-eslint/no-explicit-any */
export interface TwimlConfigRow {
  verb: string;
  depth?: number;
  text?: string;
  textType?: string;
  attrs?: Array<{ name: string; value?: string; valueType?: string }>;
}

export interface TwimlConfig {
  id: string;
  name?: string;
  kind?: TwimlKind;
  mode?: 'rows' | 'document';
  rows?: TwimlConfigRow[];
  document?: string;
  documentType?: string;
}

async function evaluateRows(RED: any, node: any, rows: TwimlConfigRow[], msg: any): Promise<TwimlRow[]> {
  const ev = (v: unknown, type: string | undefined) => evaluateProperty(RED, node, v ?? '', type || 'str', msg);
  return Promise.all(rows.map(async (r) => ({
    verb: r.verb,
    depth: r.depth,
    text: await ev(r.text, r.textType),
    attrs: await Promise.all((r.attrs ?? []).map(async (a) => ({ name: a.name, value: await ev(a.value, a.valueType) }))),
  })));
}

export function registerTwimlNode(RED: any): void {
  function TwilioTwimlNode(this: any, config: TwimlConfig) {
    RED.nodes.createNode(this, config);
    const node = this;
    const kind: TwimlKind = config.kind === 'voice' ? 'voice' : 'messaging';
    node.on('input', async (msg: any, send: (m: any) => void, done: (e?: Error) => void) => {
      try {
        if (config.mode === 'document') {
          const doc = await evaluateProperty(RED, node, config.document || 'payload', config.documentType || 'msg', msg);
          msg.payload = checkTwimlDocument(kind, doc);
        } else {
          msg.payload = buildTwiml(kind, rowsToTree(kind, await evaluateRows(RED, node, config.rows || [], msg)));
        }
        msg.headers = { ...(msg.headers && typeof msg.headers === 'object' ? msg.headers : {}), 'content-type': 'text/xml' };
        send(msg);
        done();
      } catch (err) {
        done(err as Error);
      }
    });
  }
  RED.nodes.registerType('twilio-twiml', TwilioTwimlNode);
}

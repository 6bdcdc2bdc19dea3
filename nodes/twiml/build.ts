// A checked element tree → TwiML, built by the SDK's VoiceResponse / MessagingResponse (no
// hand-written XML): each element through the SDK method the table names.
import { twimlTable, type TwimlKind } from './table';
import type { TwimlNode } from './rows';

/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-require-imports */
function sdkResponse(kind: TwimlKind): any {
  const Response = kind === 'voice' ? require('twilio/lib/twiml/VoiceResponse') : require('twilio/lib/twiml/MessagingResponse');
  return new Response();
}

function add(parent: any, node: TwimlNode, kind: TwimlKind): void {
  const spec = twimlTable(kind).elements[node.element];
  const child = spec.text === 'none' ? parent[spec.method](node.attributes) : parent[spec.method](node.attributes, node.text ?? '');
  for (const c of node.children) add(child, c, kind);
}

export function buildTwiml(kind: TwimlKind, tree: TwimlNode[]): string {
  const response = sdkResponse(kind);
  for (const node of tree) add(response, node, kind);
  return response.toString();
}

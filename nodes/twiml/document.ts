// A whole TwiML document given to twilio-twiml: parsed and checked against the verb table
// (elements, attributes, nesting, empty Say/Message), then passed through unchanged.
import { xml2js, type Element } from 'xml-js';
import { TwilioNodeError, ErrorCodes } from '../common/errors';
import { checkAttribute, checkText, twimlText } from './rows';
import { childByTag, twimlTable, type ResponseTable, type TwimlKind } from './table';

const fail = (key: string, vars: Record<string, unknown>) => new TwilioNodeError(twimlText(`errors.${key}`, vars), ErrorCodes.invalidXml);

function textOf(e: Element): string {
  return (e.elements ?? []).filter((c) => c.type === 'text' || c.type === 'cdata').map((c) => String(c.text ?? c.cdata ?? '')).join('');
}

function checkElement(t: ResponseTable, parent: string | undefined, e: Element): void {
  const tag = String(e.name);
  const name = childByTag(t, parent, tag);
  if (!name) {
    const allowedNames = (parent ? t.elements[parent].children : t.root).map((n) => t.elements[n].tag);
    throw fail('nesting', { verb: tag, parent: parent ? t.elements[parent].tag : 'Response', allowed: allowedNames.join(', ') || twimlText('none') });
  }
  for (const [attr, value] of Object.entries(e.attributes ?? {})) checkAttribute(t, name, attr, String(value));
  const children = (e.elements ?? []).filter((c) => c.type === 'element');
  checkText(t, name, textOf(e), children.length > 0);
  for (const c of children) checkElement(t, name, c);
}

/** Returns the document when it is TwiML this kind of response allows; throws a clear error otherwise. */
export function checkTwimlDocument(kind: TwimlKind, xml: unknown): string {
  if (typeof xml !== 'string' || xml.trim() === '') throw fail('document', { type: typeof xml });
  let doc: Element;
  try {
    doc = xml2js(xml, { compact: false, trim: false }) as Element;
  } catch (e) {
    throw fail('xml', { reason: (e as Error).message.split('\n')[0] });
  }
  const roots = (doc.elements ?? []).filter((c) => c.type === 'element');
  if (roots.length !== 1 || roots[0].name !== 'Response') throw fail('root', { found: roots.map((r) => r.name).join(', ') || '-' });
  const t = twimlTable(kind);
  for (const c of (roots[0].elements ?? []).filter((x) => x.type === 'element')) checkElement(t, undefined, c);
  return xml;
}

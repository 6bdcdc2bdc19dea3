// node-red-node-twilio's habit and the account's default sender, driven by the catalog's
// `shorthand` (a generator table): a text msg.payload that is not the object's XML is its
// text parameter (Body), an address in msg.topic fills its address parameter (To), and the
// default sender fills From (a number or address) or MessagingServiceSid (MG…) when the
// message names neither. See docs/migration.md.
import type { Shorthand } from '../catalog/types';
import { MAX_XML_BYTES, parseRequestDocument, type RequestDocumentOptions } from './request-document';
import { readXmlTopLevel } from './read-xml';
import { looksLikeAddress } from './phone';

const SERVICE_SID = /^MG[0-9a-fA-F]{32}$/;

/**
 * Is this text meant as an XML document? Well-formed XML is, and so is text that only the
 * request document's own refusals stop (too large, DOCTYPE): those keep their clear errors,
 * and a well-formed document with another root (`<Call>` into a Message node) stays an error
 * rather than becoming the text of an SMS. Text that opens with an XML declaration or with the
 * object's own element (`<Message>`) is meant as XML even when cut short: it must be complete
 * (INVALID_XML), never sent as the text of a message.
 */
function isXmlText(value: string, element?: string): boolean {
  const x = value.replace(/^\uFEFF/, '').trimStart();
  if (!x.startsWith('<')) return false;
  if (/^<\?xml[\s?]/i.test(x) || (element && x.startsWith(`<${element}`) && /^[\s/>]?$/.test(x.charAt(element.length + 1)))) return true;
  if (Buffer.byteLength(x, 'utf8') > MAX_XML_BYTES || /<!DOCTYPE|<!ENTITY/i.test(x)) return true;
  try {
    return readXmlTopLevel(x).length > 0;
  } catch {
    return false;
  }
}

/**
 * The request document of a message: an object, an XML document, or (with a text parameter)
 * any other string as that text — so "<3 see you" is a message, not bad XML.
 */
export function readDocument(value: unknown, shorthand: Shorthand | undefined, opts: RequestDocumentOptions): Record<string, unknown> {
  if (typeof value !== 'string' || !shorthand || !shorthand.text || isXmlText(value, opts.element)) return parseRequestDocument(value, opts);
  return { [shorthand.text]: value };
}

export interface ShorthandInput {
  topic?: unknown;
  defaultSender?: string;
  defaultCountry?: string;
}

const present = (v: unknown): boolean => v !== undefined && v !== null && v !== '';

/** Static parameters with msg.topic and the default sender added where the message leaves a gap. */
export function fillShorthand(
  shorthand: Shorthand | undefined,
  doc: Record<string, unknown>,
  statics: Record<string, unknown>,
  input: ShorthandInput,
): Record<string, unknown> {
  if (!shorthand) return statics;
  const out = { ...statics };
  const has = (name: string | undefined) => !!name && (present(doc[name]) || present(out[name]));
  const { address, sender, service } = shorthand;
  if (address && !has(address) && looksLikeAddress(input.topic, { defaultCountry: input.defaultCountry })) {
    out[address] = String(input.topic).trim();
  }
  const dflt = (input.defaultSender || '').trim();
  if (dflt && !has(sender) && !has(service)) {
    if (SERVICE_SID.test(dflt)) {
      if (service) out[service] = dflt;
    } else if (sender) out[sender] = dflt;
  }
  return out;
}

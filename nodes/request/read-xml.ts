// Reading XML with xml-js in its ordered (non-compact) form, which keeps repeated elements
// and whitespace-only text exactly. Never nativeType: values stay text until the catalog
// says what they are.
import { xml2js, Element } from 'xml-js';

export type XmlElement = Element;

const OPTIONS = {
  compact: false,
  trim: false,
  nativeType: false,
  captureSpacesBetweenElements: true,
  ignoreDeclaration: true,
  ignoreInstruction: true,
  ignoreComment: true,
  ignoreDoctype: true,
} as const;

/** Top-level elements (xml-js accepts several); throws an Error with the parser's reason when the text is not well-formed XML. */
export function readXmlTopLevel(xml: string): XmlElement[] {
  const doc = xml2js(xml, OPTIONS) as Element;
  return (doc.elements || []).filter((e) => e.type === 'element');
}

/** Element children only (whitespace between elements ignored). */
export function childElements(el: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.elements || []) if (c.type === 'element') out.push(c);
  return out;
}

/** The element's text: text and CDATA children joined; "" when empty. */
export function textOf(el: XmlElement): string {
  let s = '';
  for (const c of el.elements || []) {
    if (c.type === 'text') s += String(c.text ?? '');
    else if (c.type === 'cdata') s += String(c.cdata ?? '');
  }
  return s;
}

export function attributeOf(el: XmlElement, name: string): string | undefined {
  const v = el.attributes ? el.attributes[name] : undefined;
  return v === undefined ? undefined : String(v);
}

/** The parser's message, first line only (sax appends line/column/char lines). */
export function parserReason(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n').map((l) => l.trim()).filter(Boolean).join(', ');
}

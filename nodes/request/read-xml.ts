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

/**
 * Top-level elements (xml-js accepts several); throws an Error with the parser's reason when
 * the text is not well-formed XML. xml-js swallows the parser's end-of-input errors, so a
 * document cut short (an element never closed) would pass as the part before the cut: the
 * elements are checked for closing here (docs/reliability.md).
 */
export function readXmlTopLevel(xml: string): XmlElement[] {
  const doc = xml2js(xml, OPTIONS) as Element;
  const unclosed = firstUnclosed(doc);
  if (unclosed !== undefined) throw new Error(`element <${shortName(unclosed)}> is not closed (the document ends before its end tag)`);
  return (doc.elements || []).filter((e) => e.type === 'element');
}

/** An element name as quoted in a text: at most 64 characters. */
function shortName(name: string): string {
  return name.length > 64 ? name.slice(0, 64) + '…' : name;
}

/**
 * xml-js links each open element to its parent and unlinks it at its end tag: an element
 * still linked never ended. Walked with a stack, not recursion (nesting depth is the input's).
 */
function firstUnclosed(doc: Element): string | undefined {
  const stack: Element[] = [...(doc.elements || [])];
  while (stack.length) {
    const el = stack.pop() as Element;
    if (el.type !== 'element') continue;
    if (Object.prototype.hasOwnProperty.call(el, 'parent')) return String(el.name);
    if (el.elements) for (const c of el.elements) stack.push(c);
  }
  return undefined;
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

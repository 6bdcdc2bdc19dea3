// The TwiML verb table (twiml-table.json, generated from the SDK's type declarations by
// scripts/generate-twiml-table.ts): which elements exist, their attributes, text and children.
// Imported (not read) so that tsc copies the JSON beside the compiled code.
import tableJson from './twiml-table.json';

export type TwimlKind = 'voice' | 'messaging';

export interface ElementSpec {
  tag: string;
  method: string;
  /** text content: required, optional or none */
  text: 'required' | 'optional' | 'none';
  /** attribute name → kind: string, number or boolean (enums are strings: Twilio adds values) */
  attributes: Record<string, 'string' | 'number' | 'boolean'>;
  /** class names of allowed children */
  children: string[];
}

export interface ResponseTable {
  sdkClass: string;
  root: string[];
  elements: Record<string, ElementSpec>;
}

const table = tableJson as unknown as Record<TwimlKind, ResponseTable>;

export function twimlTable(kind: TwimlKind): ResponseTable {
  return table[kind];
}

/** The element a tag names under a parent (class names are unique; tags may repeat, e.g. Sip). */
export function childByTag(t: ResponseTable, parent: string | undefined, tag: string): string | undefined {
  const allowed = parent ? t.elements[parent]?.children ?? [] : t.root;
  return allowed.find((name) => t.elements[name]?.tag === tag);
}

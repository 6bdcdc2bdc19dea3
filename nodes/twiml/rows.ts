// twilio-twiml's rows, once their typedInputs are evaluated, checked against the verb table
// and turned into a tree: depth says which row a row is nested in (Gather → Say).
import { TwilioNodeError, ErrorCodes } from '../common/errors';
import { catalogSection } from '../common/i18n';
import { twimlTable, type ResponseTable, type TwimlKind } from './table';

export const twimlText = catalogSection('runtime', 'twilio-twiml');

export interface TwimlRow {
  verb: string;
  depth?: number;
  text?: unknown;
  attrs?: Array<{ name: string; value: unknown }>;
}

export interface TwimlNode {
  element: string;
  text?: string;
  attributes: Record<string, string>;
  children: TwimlNode[];
}

const fail = (key: string, vars: Record<string, unknown>) => new TwilioNodeError(twimlText(`errors.${key}`, vars), ErrorCodes.invalidRequest);

function asText(v: unknown): string {
  if (v === undefined || v === null) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** Checks one attribute's name and value against the element's table entry. */
export function checkAttribute(t: ResponseTable, element: string, name: string, value: string): void {
  const kind = t.elements[element].attributes[name];
  if (!kind) {
    const allowed = Object.keys(t.elements[element].attributes).join(', ') || twimlText('none');
    throw fail('attribute', { attribute: name, verb: element, allowed });
  }
  if (kind === 'number' && !/^-?\d+(\.\d+)?$/.test(value)) throw fail('number', { attribute: name, verb: element, value });
  if (kind === 'boolean' && !/^(true|false)$/.test(value)) throw fail('boolean', { attribute: name, verb: element, value });
}

export function checkText(t: ResponseTable, element: string, text: string, hasChildren: boolean): void {
  const spec = t.elements[element].text;
  if (spec === 'required' && text.trim() === '' && !hasChildren) throw fail('emptyText', { verb: element });
  if (spec === 'none' && text !== '') throw fail('noText', { verb: element });
}

/** Rows (depth-nested) → a checked tree of elements. */
export function rowsToTree(kind: TwimlKind, rows: TwimlRow[]): TwimlNode[] {
  const t = twimlTable(kind);
  const top: TwimlNode[] = [];
  const stack: TwimlNode[] = [];
  rows.forEach((row, i) => {
    const depth = Math.max(0, Math.floor(Number(row.depth) || 0));
    if (depth > stack.length) throw fail('depth', { row: i + 1, verb: row.verb });
    stack.length = depth;
    const parent = stack[depth - 1];
    const allowed = parent ? t.elements[parent.element].children : t.root;
    if (!t.elements[row.verb]) throw fail('verb', { verb: row.verb, allowed: t.root.join(', ') });
    if (!allowed.includes(row.verb)) {
      throw fail('nesting', { verb: row.verb, parent: parent ? parent.element : t.sdkClass, allowed: allowed.join(', ') || twimlText('none') });
    }
    const attributes: Record<string, string> = {};
    for (const a of row.attrs ?? []) {
      if (!a.name) continue;
      const value = asText(a.value);
      checkAttribute(t, row.verb, a.name, value);
      attributes[a.name] = value;
    }
    const node: TwimlNode = { element: row.verb, text: asText(row.text), attributes, children: [] };
    (parent ? parent.children : top).push(node);
    stack.push(node);
  });
  const checkTexts = (nodes: TwimlNode[]) => nodes.forEach((n) => {
    checkText(t, n.element, n.text ?? '', n.children.length > 0);
    checkTexts(n.children);
  });
  checkTexts(top);
  return top;
}

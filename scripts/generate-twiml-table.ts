// Writes nodes/twiml/twiml-table.json: every TwiML verb and noun the SDK's TwiML classes
// build, with its attributes, text and allowed children, read from the SDK's own type
// declarations (twilio/lib/twiml/VoiceResponse.d.ts, MessagingResponse.d.ts); each element's
// XML tag is learnt by calling the SDK. Run: node dist/scripts/generate-twiml-table.js
import * as fs from 'fs';
import * as path from 'path';

/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-require-imports */
const root = path.join(__dirname, '..', '..');
export const TABLE_FILE = path.join(root, 'nodes', 'twiml', 'twiml-table.json');

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

interface Method { name: string; returns: string; attrType?: string; text: 'required' | 'optional' | 'none' }

/** Class bodies: the top-level class and every `export class X extends TwiML`. */
function classBodies(dts: string, top: string): Map<string, string> {
  const out = new Map<string, string>();
  const topBody = new RegExp(`^declare class ${top} extends TwiML \\{([\\s\\S]*?)^\\}`, 'm').exec(dts);
  if (!topBody) throw new Error(`${top}: class not found in its .d.ts`);
  out.set(top, topBody[1]);
  for (const m of dts.matchAll(/^ {4}(?:export )?class (\w+) extends TwiML \{([\s\S]*?)^ {4}\}/gm)) out.set(m[1], m[2]);
  return out;
}

function methodsOf(body: string, ns: string): Method[] {
  const byName = new Map<string, Method>();
  for (const m of body.matchAll(/^\s+(\w+)\(([^)]*)\): (\w+)\.(\w+);/gm)) {
    const [, name, params, retNs, returns] = m;
    if (retNs !== ns) continue;
    const parts = params.split(',').map((p) => p.trim()).filter(Boolean);
    const attr = parts.find((p) => /^attributes\??:/.test(p));
    const textParam = parts.find((p) => !/^attributes\??:/.test(p) && /:\s*string$/.test(p));
    const text = !textParam ? 'none' : /\?:/.test(textParam) ? 'optional' : 'required';
    const attrType = attr ? /:\s*(?:\w+\.)?(\w+)$/.exec(attr)?.[1] : undefined;
    const prev = byName.get(name);
    // Overloads: the one naming the attributes interface says the most.
    if (!prev || (attrType && !prev.attrType) || text !== 'none') {
      byName.set(name, { name, returns, attrType: attrType ?? prev?.attrType, text: text !== 'none' ? text : prev?.text ?? 'none' });
    }
  }
  return [...byName.values()];
}

type Kind = 'string' | 'number' | 'boolean';

function attributeTables(dts: string): Map<string, Record<string, Kind>> {
  const out = new Map<string, Record<string, Kind>>();
  for (const m of dts.matchAll(/^ {4}(?:export )?interface (\w+) \{([\s\S]*?)^ {4}\}/gm)) {
    const attrs: Record<string, Kind> = out.get(m[1]) ?? {};
    for (const p of m[2].matchAll(/^\s+(\w+)\??: ([^;]+);/gm)) {
      const type = p[2].trim();
      attrs[p[1]] = type === 'number' || type === 'boolean' ? type : 'string';
    }
    out.set(m[1], attrs);
  }
  return out;
}

/** The XML tag each element gets, learnt by building it with the SDK. */
function tagOf(instance: any, method: string): { tag: string; child: any } {
  const child = instance[method]({}, 'x');
  // The SDK keeps the element under the property its _propertyName names.
  return { tag: child[child._propertyName]?.name ?? method, child };
}

export function buildTable(dtsFile: string, sdkClass: string, Sdk: any): ResponseTable {
  const dts = fs.readFileSync(dtsFile, 'utf8');
  const bodies = classBodies(dts, sdkClass);
  const attrs = attributeTables(dts);
  const elements: Record<string, ElementSpec> = {};
  const rootMethods = methodsOf(bodies.get(sdkClass)!, sdkClass);
  // Breadth first from the response, so each class is built through a real parent.
  const queue: Array<{ instance: any; methods: Method[] }> = [{ instance: new Sdk(), methods: rootMethods }];
  while (queue.length) {
    const { instance, methods } = queue.shift()!;
    for (const m of methods) {
      if (elements[m.returns]) continue;
      const { tag, child } = tagOf(instance, m.name);
      const childMethods = methodsOf(bodies.get(m.returns) ?? '', sdkClass);
      elements[m.returns] = {
        tag,
        method: m.name,
        text: m.text,
        attributes: (m.attrType && attrs.get(m.attrType)) || {},
        children: childMethods.map((c) => c.returns),
      };
      queue.push({ instance: child, methods: childMethods });
    }
  }
  return { sdkClass, root: rootMethods.map((m) => m.returns), elements };
}

export function generateTwimlTable(): Record<string, unknown> {
  const dir = path.dirname(require.resolve('twilio/lib/twiml/VoiceResponse'));
  return {
    $comment: 'Generated by scripts/generate-twiml-table.ts from the twilio SDK\'s TwiML type declarations. Do not edit.',
    twilio: require('twilio/package.json').version,
    voice: buildTable(path.join(dir, 'VoiceResponse.d.ts'), 'VoiceResponse', require('twilio/lib/twiml/VoiceResponse')),
    messaging: buildTable(path.join(dir, 'MessagingResponse.d.ts'), 'MessagingResponse', require('twilio/lib/twiml/MessagingResponse')),
  };
}

if (require.main === module) {
  fs.writeFileSync(TABLE_FILE, JSON.stringify(generateTwimlTable(), null, 2) + '\n');
  console.log(`wrote ${path.relative(root, TABLE_FILE)}`);
}

// Texts of shared code (runtime errors, status, warnings; admin route answers), one source:
// the message catalog locales/<lang>/twilio-account.json, through Node-RED's RED._ so the
// runtime's language reaches them. Until RED is known, or when RED._ hands back the key
// (the test helper's RED._ does), the en-US catalog file is read directly.
import * as fs from 'fs';
import * as path from 'path';

type Tree = { [key: string]: string | Tree };
type Texts = (key: string, vars?: Record<string, unknown>) => string;
type Translate = (key: string, vars?: Record<string, unknown>) => string;

/** Node-RED's namespace of the account node's catalog, which holds the shared texts. */
export const NAMESPACE = '@nr-connectors/node-red-twilio/twilio-account';

let catalog: Record<string, Tree> | undefined;
let translate: Translate | undefined;

/** Called from the account node's module init: from then on texts go through RED._. */
export function useRuntime(RED: { _: Translate } | undefined): void {
  translate = RED && typeof RED._ === 'function' ? RED._.bind(RED) : undefined;
}

function load(): Record<string, Tree> {
  if (!catalog) {
    const file = path.join(__dirname, '..', 'locales', 'en-US', 'twilio-account.json');
    catalog = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, Tree>;
  }
  return catalog;
}

function fromFile(section: string, key: string, vars: Record<string, unknown>): string {
  let node: string | Tree | undefined = load()[section];
  for (const k of key.split('.')) node = typeof node === 'object' ? node[k] : undefined;
  const text = typeof node === 'string' ? node : key;
  return text.replace(/__(\w+)__/g, (m, name) => (name in vars ? String(vars[name]) : m));
}

/** RED._'s text, or undefined when it has none (it answers with the key, namespaced or not). */
function fromRuntime(section: string, key: string, vars: Record<string, unknown>): string | undefined {
  if (!translate) return undefined;
  const full = `${NAMESPACE}:${section}.${key}`;
  let text: unknown;
  try {
    text = translate(full, vars);
  } catch {
    return undefined;
  }
  if (typeof text !== 'string' || text === '' || text === full || text === `${section}.${key}` || text === key) return undefined;
  return text;
}

/** A lookup in one section: text('errors.badSid', {part: 'CallSid'}) fills in __part__. */
export function catalogSection(section: string): Texts {
  return (key, vars = {}) => fromRuntime(section, key, vars) ?? fromFile(section, key, vars);
}

/** Runtime texts: section "runtime". */
export const t = catalogSection('runtime');

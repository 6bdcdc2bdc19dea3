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
const SHARED_FILE = 'twilio-account';

const catalogs = new Map<string, Record<string, Tree>>();
let translate: Translate | undefined;

/** Called from the account node's module init: from then on texts go through RED._. */
export function useRuntime(RED: { _: Translate } | undefined): void {
  translate = RED && typeof RED._ === 'function' ? RED._.bind(RED) : undefined;
}

function load(file: string): Record<string, Tree> {
  let catalog = catalogs.get(file);
  if (!catalog) {
    catalog = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'locales', 'en-US', `${file}.json`), 'utf8')) as Record<string, Tree>;
    catalogs.set(file, catalog);
  }
  return catalog;
}

function fromFile(file: string, section: string, key: string, vars: Record<string, unknown>): string {
  let node: string | Tree | undefined = load(file)[section];
  for (const k of key.split('.')) node = typeof node === 'object' ? node[k] : undefined;
  const text = typeof node === 'string' ? node : key;
  return text.replace(/__(\w+)__/g, (m, name) => (name in vars ? String(vars[name]) : m));
}

/** RED._'s text, or undefined when it has none (it answers with the key, namespaced or not). */
function fromRuntime(namespace: string, section: string, key: string, vars: Record<string, unknown>): string | undefined {
  if (!translate) return undefined;
  const full = `${namespace}:${section}.${key}`;
  let text: unknown;
  try {
    text = translate(full, vars);
  } catch {
    return undefined;
  }
  if (typeof text !== 'string' || text === '' || text === full || text === `${section}.${key}` || text === key) return undefined;
  return text;
}

/**
 * A lookup in one section: text('errors.badSid', {part: 'CallSid'}) fills in __part__.
 * `file` names another node's own catalog (locales/<lang>/<file>.json, e.g. twilio-webhook).
 */
export function catalogSection(section: string, file = SHARED_FILE): Texts {
  const namespace = file === SHARED_FILE ? NAMESPACE : NAMESPACE.replace(/[^/]+$/, file);
  return (key, vars = {}) => fromRuntime(namespace, section, key, vars) ?? fromFile(file, section, key, vars);
}

/** Runtime texts: section "runtime". */
export const t = catalogSection('runtime');

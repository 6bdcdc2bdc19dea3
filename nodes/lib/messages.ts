// Runtime texts (errors, status, warnings) come from the message catalog
// locales/en-US/twilio-account.json, section "runtime". Read directly rather than through
// RED._ so that shared code and tests see the same words whatever runtime hosts them.
import * as fs from 'fs';
import * as path from 'path';

type Tree = { [key: string]: string | Tree };
let runtime: Tree | undefined;

function load(): Tree {
  if (!runtime) {
    const file = path.join(__dirname, '..', 'locales', 'en-US', 'twilio-account.json');
    runtime = (JSON.parse(fs.readFileSync(file, 'utf8')).runtime || {}) as Tree;
  }
  return runtime;
}

/** t('errors.badSid', {part: 'CallSid'}) → the catalog text with __part__ filled in. */
export function t(key: string, vars: Record<string, unknown> = {}): string {
  let node: string | Tree | undefined = load();
  for (const k of key.split('.')) node = typeof node === 'object' ? node[k] : undefined;
  const text = typeof node === 'string' ? node : key;
  return text.replace(/__(\w+)__/g, (m, name) => (name in vars ? String(vars[name]) : m));
}

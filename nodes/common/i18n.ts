// Texts of shared code (runtime errors, status, warnings; admin route answers) come from the
// message catalog locales/en-US/twilio-account.json. Read directly rather than through RED._
// so that shared code and tests see the same words whatever runtime hosts them.
import * as fs from 'fs';
import * as path from 'path';

type Tree = { [key: string]: string | Tree };
type Texts = (key: string, vars?: Record<string, unknown>) => string;
const catalogs = new Map<string, Record<string, Tree>>();

function load(file: string): Record<string, Tree> {
  let catalog = catalogs.get(file);
  if (!catalog) {
    catalog = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'locales', 'en-US', `${file}.json`), 'utf8')) as Record<string, Tree>;
    catalogs.set(file, catalog);
  }
  return catalog;
}

/**
 * A lookup in one section: text('errors.badSid', {part: 'CallSid'}) fills in __part__.
 * `file` names another node's catalog (locales/en-US/<file>.json) for node-specific texts.
 */
export function catalogSection(section: string, file = 'twilio-account'): Texts {
  return (key, vars = {}) => {
    let node: string | Tree | undefined = load(file)[section];
    for (const k of key.split('.')) node = typeof node === 'object' ? node[k] : undefined;
    const text = typeof node === 'string' ? node : key;
    return text.replace(/__(\w+)__/g, (m, name) => (name in vars ? String(vars[name]) : m));
  };
}

/** Runtime texts: section "runtime". */
export const t = catalogSection('runtime');

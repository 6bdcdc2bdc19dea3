// Texts of shared code (runtime errors, status, warnings; admin route answers) come from the
// message catalog locales/en-US/twilio-account.json. Read directly rather than through RED._
// so that shared code and tests see the same words whatever runtime hosts them.
import * as fs from 'fs';
import * as path from 'path';

type Tree = { [key: string]: string | Tree };
type Texts = (key: string, vars?: Record<string, unknown>) => string;
let catalog: Record<string, Tree> | undefined;

function load(): Record<string, Tree> {
  if (!catalog) {
    const file = path.join(__dirname, '..', 'locales', 'en-US', 'twilio-account.json');
    catalog = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, Tree>;
  }
  return catalog;
}

/** A lookup in one section: text('errors.badSid', {part: 'CallSid'}) fills in __part__. */
export function catalogSection(section: string): Texts {
  return (key, vars = {}) => {
    let node: string | Tree | undefined = load()[section];
    for (const k of key.split('.')) node = typeof node === 'object' ? node[k] : undefined;
    const text = typeof node === 'string' ? node : key;
    return text.replace(/__(\w+)__/g, (m, name) => (name in vars ? String(vars[name]) : m));
  };
}

/** Runtime texts: section "runtime". */
export const t = catalogSection('runtime');

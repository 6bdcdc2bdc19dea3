// Node help, written once: help/<lang>/<node-type>.md per node, with shared passages in
// help/<lang>/fragments/<name>.md pulled in by a line `{{> name}}`. The build writes each as
// the locale help Node-RED reads (locales/<lang>/<node-type>.html, rendered as Markdown).
import * as fs from 'fs';
import * as path from 'path';

const INCLUDE = /^\{\{>[ \t]*([\w-]+)[ \t]*\}\}[ \t]*$/gm;

/** A help page's Markdown with its fragments in place (fragments may include fragments). */
export function assembleHelp(markdown: string, fragmentsDir: string, seen: string[] = []): string {
  return markdown.replace(INCLUDE, (_line, name: string) => {
    if (seen.includes(name)) throw new Error(`help fragment "${name}" includes itself (${[...seen, name].join(' → ')})`);
    const file = path.join(fragmentsDir, `${name}.md`);
    if (!fs.existsSync(file)) throw new Error(`help fragment "${name}" not found: ${file}`);
    return assembleHelp(fs.readFileSync(file, 'utf8').trimEnd(), fragmentsDir, [...seen, name]);
  });
}

/** Writes <outLocales>/<lang>/<type>.html for every help/<lang>/<type>.md; returns those `<lang>/<type>.html`. */
export function buildHelp(helpRoot: string, outLocales: string): string[] {
  const written: string[] = [];
  if (!fs.existsSync(helpRoot)) return written;
  for (const lang of fs.readdirSync(helpRoot)) {
    const dir = path.join(helpRoot, lang);
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.md'))) {
      const type = f.slice(0, -3);
      const md = assembleHelp(fs.readFileSync(path.join(dir, f), 'utf8'), path.join(dir, 'fragments'));
      const out = path.join(outLocales, lang, `${type}.html`);
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, `<script type="text/markdown" data-help-name="${type}">\n${md.trimEnd()}\n</script>\n`);
      written.push(path.join(lang, `${type}.html`));
    }
  }
  return written;
}

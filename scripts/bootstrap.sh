#!/usr/bin/env bash
# Makes a clone ready to run: pnpm 10 (from the npm registry when it is not
# on PATH, installed under .tools/, nothing global) and the workspace's
# dependencies from the lockfile. Safe to run again: it is a no-op when ready.
# Meant to be sourced by scripts/run.sh, so the PATH it sets stays in effect.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pnpm_version="10.34.9"

node_version="24.22.3"

# Node 20 is end-of-life (April 2026); cortex-ml needs Node.js 22.13 or newer. Where the machine's
# node is older (CI has Node 20), Node 24 comes from the npm registry (node-<platform>-<arch> ships
# the binary) into .tools/node, and goes first on PATH for everything below.
if ! node -e 'const [major, minor] = process.versions.node.split(".").map(Number); process.exit(major > 22 || (major === 22 && minor >= 13) ? 0 : 1)' 2>/dev/null; then
  platform="$(node -p 'process.platform + "-" + process.arch' 2>/dev/null || echo unknown)"
  node_bin="$root/.tools/node/node_modules/node-$platform/bin"
  if [ ! -x "$node_bin/node" ]; then
    echo "bootstrap: Node.js $(node --version 2>/dev/null || echo '(none)') is older than 22.13; installing Node.js $node_version into .tools/node (from the npm registry)" >&2
    if ! npm install --prefix "$root/.tools/node" --no-save --no-audit --no-fund --loglevel=error "node-$platform@$node_version" >&2; then
      echo "bootstrap: could not install node-$platform@$node_version. Install Node.js 22.13 or newer (https://nodejs.org) and run again." >&2
      exit 1
    fi
  fi
  export PATH="$node_bin:$PATH"
fi

if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null | cut -d. -f1)" != "10" ]; then
  if [ ! -x "$root/.tools/node_modules/.bin/pnpm" ]; then
    echo "bootstrap: installing pnpm@$pnpm_version into .tools/ (from the npm registry)" >&2
    npm install --prefix "$root/.tools" --no-save --no-audit --no-fund --loglevel=error "pnpm@$pnpm_version" >&2
  fi
  export PATH="$root/.tools/node_modules/.bin:$PATH"
fi

if [ ! -f "$root/node_modules/.modules.yaml" ] || [ "$root/pnpm-lock.yaml" -nt "$root/node_modules/.modules.yaml" ]; then
  echo "bootstrap: pnpm install --frozen-lockfile" >&2
  (cd "$root" && pnpm install --frozen-lockfile --reporter=silent) >&2
fi
export PATH="$root/node_modules/.bin:$PATH"

#!/usr/bin/env bash
# Makes a clone ready to run: pnpm 10 (from the npm registry when it is not
# on PATH, installed under .tools/, nothing global) and the workspace's
# dependencies from the lockfile. Safe to run again: it is a no-op when ready.
# Meant to be sourced by scripts/run.sh, so the PATH it sets stays in effect.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pnpm_version="10.34.9"

node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 20 ]; then
  echo "cortex-ml needs Node.js 20.19 or newer (found $(node --version))." >&2
  exit 1
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

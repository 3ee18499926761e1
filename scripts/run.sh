#!/usr/bin/env bash
# Runs a command in a ready workspace: bootstraps first (pnpm, dependencies),
# then executes the arguments. Used by the root package.json scripts so that
# `npm test` and `npm run demo` work on a fresh clone with only Node and npm.
#
# Commands run from the repository root, except pnpm: it starts in the
# directory the user typed the command in (npm's INIT_CWD, else this shell's)
# with the workspace given by --dir. pnpm hands its own working directory to
# scripts as INIT_CWD, and the examples resolve relative paths from there.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
if [ "${1:-}" = pnpm ] && cd "${INIT_CWD:-$PWD}" 2>/dev/null; then
  shift
  exec pnpm --dir "$root" "$@"
fi
cd "$root"
exec "$@"

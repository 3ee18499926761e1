#!/usr/bin/env bash
# Runs a command in a ready workspace: bootstraps first (pnpm, dependencies),
# then executes the arguments. Used by the root package.json scripts so that
# `npm test` and `npm run demo` work on a fresh clone with only Node and npm.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
cd "$root"
exec "$@"

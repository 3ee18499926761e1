#!/usr/bin/env bash
# The workspace test command (README: `npm test`): type-check and test every
# package through Turbo, then print one closing line for all of them.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
rm -rf packages/*/.vitest apps/*/.vitest tooling/*/.vitest
turbo run typecheck test --concurrency=2 --force --continue "$@"
status=$?
node scripts/test-summary.mjs || status=1
exit "$status"

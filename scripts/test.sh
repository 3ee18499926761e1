#!/usr/bin/env bash
# The workspace test command (README: `npm test`): type-check, test and lint
# (publint + arethetypeswrong) every package through Turbo, check the release
# flow and the packed packages from a consumer's point of view, then print one
# closing line for all of it: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
rm -rf packages/*/.vitest apps/*/.vitest tooling/*/.vitest
status=0
turbo run typecheck test lint --concurrency=2 --force --continue "$@" || status=1
bash scripts/changeset-check.sh || status=1
bash scripts/consumer-smoke.sh || status=1
node scripts/test-summary.mjs || status=1
exit "$status"

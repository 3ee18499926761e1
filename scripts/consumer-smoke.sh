#!/usr/bin/env bash
# Consumer smoke test: pack every published package, install the tarballs into
# a fresh project outside the workspace with npm (not workspace links), then
# type-check a file that uses each package's public API and run one
# extraction and one CLI call against a loopback server. Catches missing
# files, wrong exports, and dependencies that only resolve inside the workspace.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/tarballs" "$scratch/project"
for package in packages/schemas packages/core packages/validators packages/provider-local packages/store-redis packages/batch packages/evals apps/cli; do
  (cd "$root/$package" && pnpm pack --pack-destination "$scratch/tarballs" >/dev/null)
done
cd "$scratch/project"
cat > package.json <<'JSON'
{ "name": "cortex-consumer", "private": true, "type": "module" }
JSON
npm install --no-audit --no-fund --loglevel=error "$scratch"/tarballs/*.tgz valibot@1 effect@3 typescript@5.9 @types/node@24 >/dev/null
cp "$root/scripts/consumer/consumer.ts" "$root/scripts/consumer/consumer-local.ts" "$root/scripts/consumer/run.mjs" .
cat > tsconfig.json <<'JSON'
{ "compilerOptions": { "target": "ES2022", "module": "NodeNext", "moduleResolution": "NodeNext", "strict": true, "noEmit": true, "skipLibCheck": false, "types": ["node"] }, "files": ["consumer.ts"] }
JSON
cat > tsconfig.local.json <<'JSON'
{ "extends": "./tsconfig.json", "compilerOptions": { "skipLibCheck": true }, "files": ["consumer-local.ts"] }
JSON
npx tsc -p tsconfig.json
npx tsc -p tsconfig.local.json
model="$(cd "$root/.." && pwd)/shared/models/stories260K.gguf"
if [ -f "$model" ]; then export CORTEX_SMOKE_MODEL="$model" CORTEX_LOCAL_THREADS=1; fi
node run.mjs

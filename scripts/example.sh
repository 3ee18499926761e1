#!/usr/bin/env bash
# Runs one example of apps/examples by its script name, on a fresh clone too
# (README: Examples): `bash scripts/example.sh person`, or with arguments
# `bash scripts/example.sh maybe "Extract: unclear text"`. Relative paths the
# example is given resolve from the directory this is run in.
set -euo pipefail
INIT_CWD="$PWD" exec bash "$(dirname "${BASH_SOURCE[0]}")/run.sh" pnpm --silent --filter @cortex-ml/examples "$@"

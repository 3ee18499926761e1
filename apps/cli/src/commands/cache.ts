import { defaultCachePath, sqliteCacheStore } from "@cortex-ml/core";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import type { CliIO } from "../cli-io.js";
import { ExitCode } from "../exit-codes.js";
import { UsageError } from "../usage-error.js";

/** Help text of `cortex-ml cache`. */
export const cacheHelp = `Usage: cortex-ml cache <stats|clear> [--file PATH] [--json]

The response cache of createInstructor({ cache: true }): a SQLite file shared by every
process on this machine.

  stats   how many answers it holds, how large the file is, where it is
  clear   remove every answer (the file stays)

Options:
  --file PATH  the cache file (default: $CORTEX_CACHE_DIR/cache.db, else ~/.cache/cortex-ml/cache.db)
  --json       print one JSON object
  -h, --help   show this help
`;

function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined) return "unknown size";
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** `cortex-ml cache stats|clear`: reports on or empties the SQLite response cache. */
export async function cacheCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      file: { type: "string" },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    io.stdout.write(cacheHelp);
    return ExitCode.ok;
  }
  const action = positionals[0];
  if (action !== "stats" && action !== "clear") {
    throw new UsageError(action === undefined ? "say what to do: cortex-ml cache stats, or cortex-ml cache clear" : `unknown action "${action}": use stats or clear`);
  }
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
  const path = values.file ? resolve(io.cwd, values.file) : defaultCachePath(io.environment);
  if (!existsSync(path)) {
    const report = { action, file: path, entries: 0, bytes: 0, existed: false };
    io.stdout.write(values.json ? `${JSON.stringify(report)}\n` : `no cache yet at ${path} (it is made by the first call of a client with cache: true)\n`);
    return ExitCode.ok;
  }
  const store = sqliteCacheStore(path, { warn: (message) => io.stderr.write(`${message}\n`) });
  try {
    const before = await store.stats();
    if (action === "clear") await store.clear();
    const after = action === "clear" ? await store.stats() : before;
    if (values.json) {
      io.stdout.write(`${JSON.stringify({ action, file: path, entries: after.entries, bytes: after.bytes, existed: true, ...(action === "clear" ? { removed: before.entries } : {}) })}\n`);
    } else if (action === "clear") {
      io.stdout.write(`removed ${before.entries} answer(s) from ${path}\n`);
    } else {
      io.stdout.write(`${after.entries} answer(s) in ${path} (${formatBytes(after.bytes)})\n`);
    }
    return ExitCode.ok;
  } finally {
    await store.close?.();
  }
}

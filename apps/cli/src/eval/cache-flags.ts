import { type CacheStore, defaultCachePath, sqliteCacheStore } from "@cortex-ml/core";
import { statSync } from "node:fs";
import { resolve } from "node:path";
import type { CliIO } from "../cli-io.js";
import { UsageError } from "../usage-error.js";

/** The flags of the response cache. */
export const cacheFlags = {
  cache: { type: "string" },
  "no-cache": { type: "boolean", default: false },
} as const;

/** Help lines of {@link cacheFlags}. */
export const cacheHelp = `  --cache PATH           the response cache file (default $CORTEX_CACHE_DIR/cache.db, else
                         ~/.cache/cortex-ml/cache.db): a re-run answers from it, so an eval
                         repeated after a label fix sends no request
  --no-cache             send every call, and keep nothing`;

/**
 * The response cache the flags ask for: the default SQLite file, the file
 * `--cache PATH` names, or none with `--no-cache`. Its warnings (a corrupt
 * file set aside) go to stderr.
 */
export function cacheStoreOfFlags(values: { cache?: string; "no-cache"?: boolean }, io: CliIO): CacheStore | undefined {
  if (values["no-cache"]) {
    if (values.cache !== undefined) throw new UsageError("--cache and --no-cache contradict each other: give one of them");
    return undefined;
  }
  if (values.cache === "") throw new UsageError("--cache needs a file path, e.g. --cache .cache/eval.db");
  const path = values.cache === undefined ? defaultCachePath(io.environment) : resolve(io.cwd, values.cache);
  if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) {
    throw new UsageError(`--cache ${values.cache ?? path}: ${path} is a folder; name a file in it, e.g. ${resolve(path, "cache.db")}`);
  }
  return sqliteCacheStore(path, { warn: (message) => io.stderr.write(`${message}\n`) });
}

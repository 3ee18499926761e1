import { Redis, type RedisOptions } from "ioredis";
import { BatchStateConflictError } from "./batch-state-conflict-error.js";
import type { BatchStateStore } from "./batch-state-store.js";
import type { JobState } from "./job-state.js";

/** Options of {@link redisBatchStateStore}. */
export interface RedisBatchStateStoreOptions {
  /** Prefix of the job keys. Default `cortex-ml:provider-batch:`. */
  readonly prefix?: string;
  /** More `ioredis` options, for a store that makes its own connection. */
  readonly redis?: RedisOptions;
}

// Compare-and-set in one step: the state is written only if the stored revision is the expected one ("" = none yet).
const saveScript = `
local current = redis.call("HGET", KEYS[1], "revision")
if ARGV[1] == "" then
  if current then return 0 end
elseif current ~= ARGV[1] then
  return 0
end
redis.call("HSET", KEYS[1], "revision", ARGV[2], "state", ARGV[3])
return 1
`;

/**
 * Provider batch job state in Redis, for jobs driven from several machines
 * (one at a time: `save` is a compare-and-set, so a second runner stops
 * with `BatchStateConflictError` instead of submitting twice). Pass a URL
 * (the store owns the connection) or an `ioredis` client you manage.
 *
 * @example
 * const store = redisBatchStateStore(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
 */
export function redisBatchStateStore(connection: string | Redis, options: RedisBatchStateStoreOptions = {}): BatchStateStore {
  const prefix = options.prefix ?? "cortex-ml:provider-batch:";
  const owned = typeof connection === "string";
  const redis =
    typeof connection === "string" ? new Redis(connection, { connectTimeout: 2_000, maxRetriesPerRequest: 1, lazyConnect: false, ...options.redis }) : connection;
  if (owned) redis.on("error", () => undefined);
  return {
    async load(jobId) {
      const text = await redis.hget(prefix + jobId, "state");
      return text === null ? undefined : (JSON.parse(text) as JobState);
    },
    async save(state, expectedRevision) {
      const saved = await redis.eval(saveScript, 1, prefix + state.jobId, expectedRevision === undefined ? "" : String(expectedRevision), String(state.revision), JSON.stringify(state));
      if (saved !== 1) throw new BatchStateConflictError({ jobId: state.jobId, expectedRevision });
    },
    async remove(jobId) {
      await redis.del(prefix + jobId);
    },
    async close() {
      if (owned) await redis.quit();
    },
  };
}

import type { Redis } from "ioredis";
import { formatOutputRecord, type OutputRecord } from "../records/output-record.js";
import type { JobKeys } from "./job-keys.js";

/**
 * Writes a record's result unless one is there (HSETNX), and counts it in the
 * same step, so a record delivered twice (a worker that stalled but was still
 * alive, a Redis restart between the answer and the acknowledgement) is
 * written and counted once.
 */
const storeResultScript = `
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
if ARGV[3] == '1' then
  redis.call('HINCRBY', KEYS[2], 'succeeded', 1)
else
  redis.call('HINCRBY', KEYS[2], 'failed', 1)
  redis.call('HINCRBY', KEYS[3], ARGV[4], 1)
end
redis.call('HSET', KEYS[2], 'lastFinishedAt', ARGV[5])
return 1
`;

interface ScriptedRedis {
  cortexStoreResult(results: string, counters: string, errors: string, line: number, json: string, ok: string, errorName: string, now: number): Promise<number>;
}

function scripted(redis: Redis): ScriptedRedis {
  const commands = redis as unknown as Partial<ScriptedRedis>;
  if (commands.cortexStoreResult === undefined) redis.defineCommand("cortexStoreResult", { numberOfKeys: 3, lua: storeResultScript });
  return redis as unknown as ScriptedRedis;
}

/** Stores `record` as the result of its line; resolves to false when the line already had one (nothing is changed then). */
export async function storeResult(redis: Redis, keys: JobKeys, record: OutputRecord): Promise<boolean> {
  const errorName = record.ok ? "" : record.error.name;
  const json = formatOutputRecord(record).trimEnd();
  const written = await scripted(redis).cortexStoreResult(keys.results, keys.counters, keys.errors, record.line, json, record.ok ? "1" : "0", errorName, Date.now());
  return written === 1;
}

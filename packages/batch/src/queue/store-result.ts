import type { TokenUsage } from "@cortex-ml/core";
import type { Redis } from "ioredis";
import { formatOutputRecord, type OutputRecord } from "../records/output-record.js";
import type { JobKeys } from "./job-keys.js";

/**
 * Writes a record's result unless one is there (HSETNX) and counts it, adds
 * the tokens (and cost) of its last call to the job's totals, and says
 * whether the budget is now spent, all in one step: a record delivered twice
 * (a worker that stalled but was still alive, a Redis restart between the
 * answer and the acknowledgement) is written and counted once, and a record
 * costs the queue one round trip.
 * Returns 0 (already there), 1 (written) or 2 (written, and the budget is spent).
 */
const storeResultScript = `
local prompt, completion, total, cost = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8])
if total > 0 then
  redis.call('HINCRBY', KEYS[2], 'promptTokens', prompt)
  redis.call('HINCRBY', KEYS[2], 'completionTokens', completion)
  redis.call('HINCRBY', KEYS[2], 'totalTokens', total)
end
if cost > 0 then redis.call('HINCRBYFLOAT', KEYS[2], 'dollars', ARGV[8]) end
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
if ARGV[3] == '1' then
  redis.call('HINCRBY', KEYS[2], 'succeeded', 1)
else
  redis.call('HINCRBY', KEYS[2], 'failed', 1)
  redis.call('HINCRBY', KEYS[3], ARGV[4], 1)
end
redis.call('HSET', KEYS[2], 'lastFinishedAt', ARGV[9])
local state = redis.call('HMGET', KEYS[2], 'totalTokens', 'dollars', 'budgetTokens', 'budgetDollars')
local spentTokens, spentDollars = tonumber(state[1]) or 0, tonumber(state[2]) or 0
local budgetTokens, budgetDollars = tonumber(state[3]), tonumber(state[4])
if (budgetTokens and spentTokens >= budgetTokens) or (budgetDollars and spentDollars >= budgetDollars) then return 2 end
return 1
`;

interface ScriptedRedis {
  cortexStoreResult(results: string, counters: string, errors: string, ...values: (string | number)[]): Promise<number>;
}

function scripted(redis: Redis): ScriptedRedis {
  const commands = redis as unknown as Partial<ScriptedRedis>;
  if (commands.cortexStoreResult === undefined) redis.defineCommand("cortexStoreResult", { numberOfKeys: 3, lua: storeResultScript });
  return redis as unknown as ScriptedRedis;
}

/** What storing a result did. */
export interface StoreOutcome {
  /** False when the line already had a result (nothing but the tokens was changed then). */
  readonly written: boolean;
  /** True when the job's token or dollar budget is spent after this record. */
  readonly budgetSpent: boolean;
}

const noUsage: TokenUsage = { promptTokens: 0, completionTokens: 0, totalTokens: 0 };

/**
 * Stores `record` as the result of its line (once) and charges `usage` (the
 * tokens of the call that produced it, and their `cost`) to the job.
 */
export async function storeResult(redis: Redis, keys: JobKeys, record: OutputRecord, usage: TokenUsage = noUsage, cost = 0): Promise<StoreOutcome> {
  const errorName = record.ok ? "" : record.error.name;
  const json = formatOutputRecord(record).trimEnd();
  const outcome = await scripted(redis).cortexStoreResult(
    keys.results, keys.counters, keys.errors,
    record.line, json, record.ok ? "1" : "0", errorName, usage.promptTokens, usage.completionTokens, usage.totalTokens, cost, Date.now(),
  );
  return { written: outcome > 0, budgetSpent: outcome === 2 };
}

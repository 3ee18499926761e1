import type { Redis } from "ioredis";
import { keyPrefix } from "./job-keys.js";

/**
 * A token bucket in Redis, refilled at `limit` per minute with room for a few
 * seconds' burst, on Redis's clock so every worker on every machine draws
 * from the same bucket. Returns 0 and takes `cost` when there is enough, else
 * the milliseconds to wait (taking nothing). ARGV[4] = 1 takes the cost even
 * when it goes below zero (tokens actually used, reported after the call).
 */
const takeScript = `
local limit = tonumber(ARGV[1])
local capacity = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local force = ARGV[4] == '1'
local rate = limit / 60000
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'level', 'at')
local level = tonumber(state[1]) or capacity
local at = tonumber(state[2]) or now
level = math.min(capacity, level + math.max(0, now - at) * rate)
local wait = 0
if force or level >= cost then
  level = level - cost
else
  wait = math.ceil((cost - level) / rate)
end
redis.call('HSET', KEYS[1], 'level', tostring(level), 'at', now)
redis.call('PEXPIRE', KEYS[1], 120000)
return wait
`;

interface ScriptedRedis {
  cortexTakeTokens(key: string, limit: number, capacity: number, cost: number, force: string): Promise<number>;
}

function scripted(redis: Redis): ScriptedRedis {
  if ((redis as unknown as Partial<ScriptedRedis>).cortexTakeTokens === undefined) redis.defineCommand("cortexTakeTokens", { numberOfKeys: 1, lua: takeScript });
  return redis as unknown as ScriptedRedis;
}

/** The bucket's burst: five seconds of its rate, at least one request's worth. */
function capacityOf(limitPerMinute: number, minimum: number): number {
  return Math.max(minimum, limitPerMinute / 12);
}

/** Requests/min and tokens/min on one endpoint, shared by every worker through Redis. */
export class SharedRateLimit {
  readonly #redis: Redis;
  readonly #requestsKey: string;
  readonly #tokensKey: string;

  constructor(redis: Redis, endpoint: string) {
    this.#redis = redis;
    this.#requestsKey = `${keyPrefix}:rate:${endpoint}:requests`;
    this.#tokensKey = `${keyPrefix}:rate:${endpoint}:tokens`;
  }

  /** Waits until one request and about `estimatedTokens` fit under both limits (unset limits are not checked). */
  async take(limits: { requestsPerMinute?: number; tokensPerMinute?: number }, estimatedTokens: number, signal?: AbortSignal): Promise<void> {
    const commands = scripted(this.#redis);
    if (limits.tokensPerMinute !== undefined) {
      const capacity = capacityOf(limits.tokensPerMinute, estimatedTokens);
      await this.#waitFor(() => commands.cortexTakeTokens(this.#tokensKey, limits.tokensPerMinute as number, capacity, estimatedTokens, "0"), signal);
    }
    if (limits.requestsPerMinute !== undefined) {
      const capacity = capacityOf(limits.requestsPerMinute, 1);
      await this.#waitFor(() => commands.cortexTakeTokens(this.#requestsKey, limits.requestsPerMinute as number, capacity, 1, "0"), signal);
    }
  }

  /** Settles the token estimate with what the call used (more or less). */
  async settle(tokensPerMinute: number | undefined, estimatedTokens: number, usedTokens: number): Promise<void> {
    if (tokensPerMinute === undefined || usedTokens === estimatedTokens) return;
    await scripted(this.#redis).cortexTakeTokens(this.#tokensKey, tokensPerMinute, capacityOf(tokensPerMinute, estimatedTokens), usedTokens - estimatedTokens, "1");
  }

  async #waitFor(take: () => Promise<number>, signal?: AbortSignal): Promise<void> {
    for (;;) {
      const waitMs = await take();
      if (waitMs <= 0) return;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, Math.min(waitMs, 5_000));
        signal?.addEventListener("abort", () => {
          clearTimeout(timer);
          reject(signal.reason);
        }, { once: true });
      });
    }
  }
}

import { Redis, type RedisOptions } from "ioredis";
import { QueueUnreachableError } from "./queue-unreachable-error.js";

/**
 * An ioredis connection to `url` (`redis://host:port[/db]`), set up as BullMQ
 * needs it (`maxRetriesPerRequest: null`): commands wait through a Redis
 * restart instead of failing, and reconnect on their own.
 */
export function connectRedis(url: string, options: RedisOptions = {}): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, ...options });
  // Connection errors (a Redis restart) are retried by ioredis and surface on the commands that fail; the event alone is no news.
  redis.on("error", () => {});
  return redis;
}

/** `url` without a password, to show in messages. */
export function shownRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== "") parsed.password = "***";
    return parsed.toString().replace(/\/$/, "");
  } catch {
    return "(an unreadable Redis URL)";
  }
}

/** How long a command waits for Redis's first answer. */
const firstAnswerMs = 5_000;

/**
 * Like {@link connectRedis}, but resolves only once Redis answers, and
 * throws {@link QueueUnreachableError} when it does not within 5 s (a wrong
 * URL, Redis not running), instead of waiting for it forever.
 */
export async function openRedis(url: string): Promise<Redis> {
  const redis = connectRedis(url);
  let lastError = "no answer";
  redis.on("error", (error: Error & { code?: string }) => {
    lastError = error.code ?? error.message;
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      redis.ping(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error("timeout")), firstAnswerMs);
      }),
    ]);
    return redis;
  } catch (error) {
    redis.disconnect();
    throw new QueueUnreachableError({ redisUrl: shownRedisUrl(url), reason: lastError === "no answer" ? (error as Error).message : lastError });
  } finally {
    clearTimeout(timer);
  }
}

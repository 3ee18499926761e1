import { Redis, type RedisOptions } from "ioredis";

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

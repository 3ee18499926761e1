import { Queue } from "bullmq";
import { jobKeys } from "./job-keys.js";
import { JobNotFoundError } from "./job-not-found-error.js";
import type { JobBudget } from "./job-settings.js";
import { openRedis, shownRedisUrl } from "./redis-url.js";
import { budgetSpent, readSpending, writeBudget } from "./usage-counters.js";

/**
 * Sets a job's token and/or dollar budget (null removes that cap). A job
 * paused on its budget resumes when the new one leaves room; resolves to
 * whether it did.
 */
export async function setBudget(options: {
  readonly redisUrl: string;
  readonly job: string;
  readonly budget: { readonly [Key in keyof JobBudget]?: number | null };
}): Promise<{ resumed: boolean }> {
  const keys = jobKeys(options.job);
  const redis = await openRedis(options.redisUrl);
  const queue = new Queue(keys.queueName, { connection: redis });
  try {
    if ((await redis.exists(keys.settings)) === 0) throw new JobNotFoundError({ jobName: options.job, redisUrl: shownRedisUrl(options.redisUrl) });
    await writeBudget(redis, keys, options.budget);
    const resumed = (await queue.isPaused()) && !budgetSpent(await readSpending(redis, keys));
    if (resumed) await queue.resume();
    return { resumed };
  } finally {
    await queue.close();
    redis.disconnect();
  }
}

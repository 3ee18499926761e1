import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { jobKeys } from "./job-keys.js";
import { JobNotFoundError } from "./job-not-found-error.js";
import { openRedis, shownRedisUrl } from "./redis-url.js";
import { settleLostRecords } from "./settle-lost-records.js";
import { budgetSpent, readSpending } from "./usage-counters.js";

/** Where a job stands. */
export interface JobStatus {
  readonly job: string;
  /** Records submitted. */
  readonly total: number;
  readonly succeeded: number;
  readonly failed: number;
  /** Records not finished yet (waiting, running, or waiting to be retried). */
  readonly pending: number;
  /** Records being run by a worker now. */
  readonly active: number;
  /** True when the job is paused (its budget is spent). */
  readonly paused: boolean;
  readonly budgetSpent: boolean;
  /** Failed records by error name (RetriesExhaustedError, LengthLimitError, ApiError, ...). */
  readonly failuresByError: Readonly<Record<string, number>>;
  readonly tokens: { readonly prompt: number; readonly completion: number; readonly total: number };
  /** Dollars spent, priced with the job's price table (0 without one). */
  readonly dollars: number;
  readonly budget: { readonly tokens?: number; readonly dollars?: number };
  /** Records finished per second since the first record started. */
  readonly recordsPerSecond: number;
  /** Seconds until every record is finished at that rate; undefined before any is. */
  readonly etaSeconds: number | undefined;
}

function count(value: string | null | undefined): number {
  const number = Number(value ?? 0);
  return Number.isFinite(number) ? number : 0;
}

/** Reads a job's status from a connection and queue already open. */
export async function readJobStatus(redis: Redis, queue: Queue, jobName: string, redisUrl: string): Promise<JobStatus> {
  const keys = jobKeys(jobName);
  if ((await redis.exists(keys.settings)) === 0) throw new JobNotFoundError({ jobName, redisUrl: shownRedisUrl(redisUrl) });
  await settleLostRecords(redis, queue, keys);
  const [total, counters, errors, counts, paused, spending] = await Promise.all([
    redis.hlen(keys.inputs),
    redis.hgetall(keys.counters),
    redis.hgetall(keys.errors),
    queue.getJobCounts("active"),
    queue.isPaused(),
    readSpending(redis, keys),
  ]);
  const succeeded = count(counters.succeeded);
  const failed = count(counters.failed);
  const finished = succeeded + failed;
  const pending = Math.max(0, total - finished);
  const startedAt = count(counters.startedAt);
  const lastFinishedAt = pending === 0 ? count(counters.lastFinishedAt) : Date.now();
  const seconds = startedAt > 0 ? Math.max(0.001, (lastFinishedAt - startedAt) / 1000) : 0;
  const recordsPerSecond = seconds > 0 ? finished / seconds : 0;
  return {
    job: jobName,
    total,
    succeeded,
    failed,
    pending,
    active: counts.active ?? 0,
    paused,
    budgetSpent: budgetSpent(spending),
    failuresByError: Object.fromEntries(Object.entries(errors).map(([name, value]) => [name, count(value)])),
    tokens: { prompt: count(counters.promptTokens), completion: count(counters.completionTokens), total: count(counters.totalTokens) },
    dollars: count(counters.dollars),
    budget: {
      ...(spending.budgetTokens === undefined ? {} : { tokens: spending.budgetTokens }),
      ...(spending.budgetDollars === undefined ? {} : { dollars: spending.budgetDollars }),
    },
    recordsPerSecond,
    etaSeconds: recordsPerSecond > 0 ? pending / recordsPerSecond : pending === 0 ? 0 : undefined,
  };
}

/** The status of the job `job` on `redisUrl`: counts, rate, ETA, failures by typed error, tokens and dollars so far. */
export async function jobStatus(options: { readonly redisUrl: string; readonly job: string }): Promise<JobStatus> {
  const { queueName } = jobKeys(options.job);
  const redis = await openRedis(options.redisUrl);
  const queue = new Queue(queueName, { connection: redis });
  try {
    return await readJobStatus(redis, queue, options.job, options.redisUrl);
  } finally {
    await queue.close();
    redis.disconnect();
  }
}

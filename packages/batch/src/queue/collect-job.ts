import { Queue } from "bullmq";
import type { OutputRecord } from "../records/output-record.js";
import { jobKeys } from "./job-keys.js";
import { JobNotFoundError } from "./job-not-found-error.js";
import { openRedis, shownRedisUrl } from "./redis-url.js";
import { settleLostRecords } from "./settle-lost-records.js";

/** What {@link collectJob} found. */
export interface CollectedJob {
  /** Every finished record, in input order (by line). */
  readonly records: readonly OutputRecord[];
  readonly total: number;
  readonly succeeded: number;
  readonly failed: number;
  /** Lines submitted but not finished yet: not in `records`. */
  readonly pendingLines: readonly number[];
}

/**
 * The results of the job `job`, in input order: the same records
 * `cortex-ml batch` writes (with each record's usage ledger), failures as
 * records. Records still running are listed in `pendingLines`.
 */
export async function collectJob(options: { readonly redisUrl: string; readonly job: string }): Promise<CollectedJob> {
  const keys = jobKeys(options.job);
  const redis = await openRedis(options.redisUrl);
  const queue = new Queue(keys.queueName, { connection: redis });
  try {
    if ((await redis.exists(keys.settings)) === 0) throw new JobNotFoundError({ jobName: options.job, redisUrl: shownRedisUrl(options.redisUrl) });
    await settleLostRecords(redis, queue, keys);
    const records: OutputRecord[] = [];
    let cursor = "0";
    do {
      const [next, entries] = await redis.hscan(keys.results, cursor, "COUNT", 1_000);
      cursor = next;
      for (let index = 1; index < entries.length; index += 2) records.push(JSON.parse(entries[index] as string) as OutputRecord);
    } while (cursor !== "0");
    records.sort((left, right) => left.line - right.line);
    const done = new Set(records.map((record) => record.line));
    const lines = (await redis.hkeys(keys.inputs)).map(Number).sort((left, right) => left - right);
    const succeeded = records.filter((record) => record.ok).length;
    return { records, total: lines.length, succeeded, failed: records.length - succeeded, pendingLines: lines.filter((line) => !done.has(line)) };
  } finally {
    await queue.close();
    redis.disconnect();
  }
}

import type { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { failedRecord } from "../records/output-record.js";
import type { JobKeys } from "./job-keys.js";
import type { RecordJobData } from "./process-record.js";
import { RecordLostError } from "./record-lost-error.js";
import { storeResult } from "./store-result.js";

/**
 * Writes a RecordLostError result for every record BullMQ gave up on without
 * one (it stalled too often: its worker died with it each time), then drops
 * it from BullMQ's failed set. Resolves to the records written. Safe to run
 * from several processes: a result is written once.
 */
export async function settleLostRecords(redis: Redis, queue: Queue, keys: JobKeys, describeError?: (error: unknown) => string): Promise<number> {
  let written = 0;
  const batch = 500;
  for (let start = 0; ; start += batch) {
    const jobs = await queue.getFailed(start, start + batch - 1);
    if (jobs.length === 0) break;
    for (const job of jobs) {
      if (job === undefined) continue;
      const record = job.data as RecordJobData;
      const error = new RecordLostError({ line: record.line, deliveries: Math.max(1, job.attemptsStarted), reason: job.failedReason || "no reason given" });
      const ledger = { attempts: 0, reasks: 0, deliveries: Math.max(1, job.attemptsStarted), usage: record.spent ?? { promptTokens: 0, completionTokens: 0, totalTokens: 0 } };
      if ((await storeResult(redis, keys, failedRecord(record.line, record.id, error, describeError, ledger))).written) written += 1;
    }
    if (jobs.length < batch) break;
  }
  return written;
}

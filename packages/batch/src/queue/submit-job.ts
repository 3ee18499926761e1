import { Queue } from "bullmq";
import type { ParsedInputLine } from "../records/input-record.js";
import { failedRecord } from "../records/output-record.js";
import { jobKeys, jobRegistryKey, recordJobId } from "./job-keys.js";
import { defaultMaxDeliveries, defaultSystemPrompt, type JobBudget, type JobSettings } from "./job-settings.js";
import { openRedis } from "./redis-url.js";
import { storeResult } from "./store-result.js";
import { budgetSpent, readSpending, writeBudget } from "./usage-counters.js";

/** What {@link submitJob} takes. */
export interface SubmitJobOptions {
  /** `redis://host:port`. */
  readonly redisUrl: string;
  /** The job's name: with each record's line it makes the record's id, so a record is enqueued once. */
  readonly job: string;
  /** The input's non-blank lines, parsed (`parseInputLines`); lines that are not records are written as failures at once. */
  readonly lines: readonly ParsedInputLine[];
  /** The job's settings; `schema` is required, the rest has the single-machine batch's defaults. */
  readonly settings: Pick<JobSettings, "schema"> & Partial<JobSettings>;
  /** Sets (or raises) the job's budget; a job paused on its budget resumes when the new one allows. */
  readonly budget?: JobBudget;
  /** Records added per Redis round trip. Default 1,000. */
  readonly chunkSize?: number;
}

/** What a submit did. */
export interface SubmitJobResult {
  /** Records of the job now (every submit of it counted once). */
  readonly total: number;
  /** Records this submit added. */
  readonly added: number;
  /** Records that were already in the job (a submit run again, or an overlapping input). */
  readonly alreadySubmitted: number;
  /** Lines written as InvalidRecordError failures. */
  readonly invalid: number;
  /** True when the job had been paused on its budget and this submit's budget resumed it. */
  readonly resumed: boolean;
  /** False when the job existed: its first submit's settings were kept (only records and the budget are added). */
  readonly created: boolean;
}

/**
 * Enqueues one BullMQ job per record of `lines` under the job `job`,
 * idempotently: the BullMQ job id is the job name and the record's line, and
 * a record already submitted (queued, running or done) is skipped, so
 * running the same submit twice adds nothing. Stores the settings the workers
 * read (on the job's first submit; later ones keep them), and the budget.
 */
export async function submitJob(options: SubmitJobOptions): Promise<SubmitJobResult> {
  const keys = jobKeys(options.job);
  const settings: JobSettings = {
    system: defaultSystemPrompt,
    endpoints: [],
    callSettings: {},
    limits: {},
    prices: {},
    maxDeliveries: defaultMaxDeliveries,
    ...options.settings,
  };
  const redis = await openRedis(options.redisUrl);
  const queue = new Queue(keys.queueName, { connection: redis });
  try {
    // The first submit's settings stay: a later submit adds records (and may change the budget), never the schema or model under running workers.
    const isNew = (await redis.set(keys.settings, JSON.stringify(settings), "NX")) === "OK";
    await redis.sadd(jobRegistryKey, options.job);
    if (options.budget !== undefined) await writeBudget(redis, keys, options.budget);
    let added = 0;
    let invalid = 0;
    const chunkSize = options.chunkSize ?? 1_000;
    for (let start = 0; start < options.lines.length; start += chunkSize) {
      const chunk = options.lines.slice(start, start + chunkSize);
      const lineOf = (parsed: ParsedInputLine) => (parsed.ok ? parsed.record.line : parsed.invalid.line);
      const known = await redis.hmget(keys.inputs, ...chunk.map((parsed) => String(lineOf(parsed))));
      const fresh = chunk.filter((_, index) => known[index] === null);
      const records = fresh.flatMap((parsed) => (parsed.ok ? [parsed.record] : []));
      // Enqueue first, then mark as submitted: a submit killed in between is repaired by the next (BullMQ drops a duplicate id).
      await queue.addBulk(
        records.map((record) => ({
          name: "record",
          data: record,
          opts: { jobId: recordJobId(options.job, record.line), removeOnComplete: true, removeOnFail: false, attempts: settings.maxDeliveries, backoff: { type: "exponential", delay: 1_000 } },
        })),
      );
      for (const parsed of fresh) {
        if (parsed.ok) continue;
        const { line, id, error } = parsed.invalid;
        if ((await storeResult(redis, keys, failedRecord(line, id, error))).written) invalid += 1;
      }
      if (fresh.length > 0) {
        const marks = fresh.flatMap((parsed) => [String(lineOf(parsed)), JSON.stringify(parsed.ok ? parsed.record : { line: parsed.invalid.line, id: parsed.invalid.id })]);
        await redis.hset(keys.inputs, ...marks);
      }
      added += fresh.length;
    }
    const resumed = (await queue.isPaused()) && !budgetSpent(await readSpending(redis, keys));
    if (resumed) await queue.resume();
    const total = await redis.hlen(keys.inputs);
    return { total, added, alreadySubmitted: options.lines.length - added, invalid, resumed, created: isNew };
  } finally {
    await queue.close();
    redis.disconnect();
  }
}

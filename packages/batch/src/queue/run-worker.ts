import { type InstructorClient, type ResponseModelInput } from "@cortex-ml/core";
import { fromJsonSchema } from "@cortex-ml/schemas";
import { Queue, Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { AdaptiveConcurrencyOptions } from "./adaptive-concurrency.js";
import { EndpointPool, type EndpointPoolOptions } from "./endpoint-pool.js";
import { checkJobName, jobKeys, jobRegistryKey } from "./job-keys.js";
import type { JobSettings } from "./job-settings.js";
import { type JobContext, processRecord, type RecordJobData } from "./process-record.js";
import { JobNotFoundError } from "./job-not-found-error.js";
import { connectRedis, openRedis, shownRedisUrl } from "./redis-url.js";
import { settleLostRecords } from "./settle-lost-records.js";
import { SharedRateLimit } from "./shared-rate-limit.js";

/** What {@link runWorker} takes. */
export interface RunWorkerOptions {
  /** `redis://host:port`. */
  readonly redisUrl: string;
  /** Serve only this job. Default: every submitted job, new ones included. */
  readonly job?: string;
  /** Most records in flight per job in this process (the AIMD limit of each endpoint stays below). Default 8. */
  readonly concurrency?: number;
  /** The client of an endpoint: its base URL, or undefined for the worker's own endpoint. Holds the API key: it never goes to Redis. */
  readonly createClient: (baseURL: string | undefined) => InstructorClient | Promise<InstructorClient>;
  /** The model to ask; default: the job's. */
  readonly model?: string;
  /** The exact response model (a Valibot schema with its transforms); default: the job's JSON Schema. */
  readonly responseModel?: ResponseModelInput;
  /** Base URLs to use instead of the job's. */
  readonly endpoints?: readonly string[];
  /** How a failure's message is worded in the results. Default: its own message. */
  readonly describeError?: (error: unknown) => string;
  /** AIMD and take-out settings of each endpoint. */
  readonly adaptive?: AdaptiveConcurrencyOptions & EndpointPoolOptions;
  /** A record whose worker is silent this long is handed to another worker. Default 30,000 ms (BullMQ's). */
  readonly lockDurationMs?: number;
  /** How often stalled records are looked for. Default 30,000 ms. */
  readonly stalledIntervalMs?: number;
  /** Times a record may stall (its worker died with it) before it is written as a RecordLostError. Default 2. */
  readonly maxStalledCount?: number;
  /** How often new jobs are looked for when serving every job. Default 2,000 ms. */
  readonly discoverEveryMs?: number;
  /** Called after each record this worker finished (written or not), e.g. for a progress line. */
  readonly onRecordDone?: (jobName: string) => void;
}

/** A running worker. */
export interface QueueWorker {
  /** The jobs it serves now. */
  jobs(): string[];
  /** Stops taking records and resolves once the records in flight are written; `force` abandons them to another worker. */
  close(force?: boolean): Promise<void>;
}

interface Served {
  readonly worker: Worker<RecordJobData>;
  readonly queue: Queue;
  readonly connection: Redis;
}

/**
 * Pulls records from Redis and runs them with the same client, modes,
 * re-asks and typed errors as the single-machine batch. Any number of
 * workers on any number of machines may serve the same job: BullMQ gives each
 * record to one of them, and hands a dead worker's records to another.
 */
export async function runWorker(options: RunWorkerOptions): Promise<QueueWorker> {
  if (options.job !== undefined) checkJobName(options.job);
  const redis = await openRedis(options.redisUrl);
  const served = new Map<string, Served>();
  const rateLimits = new Map<string, SharedRateLimit>();
  const closing = new AbortController();
  const rateLimitOf = (endpoint: string) => {
    let limit = rateLimits.get(endpoint);
    if (limit === undefined) {
      limit = new SharedRateLimit(redis, endpoint);
      rateLimits.set(endpoint, limit);
    }
    return limit;
  };

  const serve = async (jobName: string): Promise<void> => {
    if (served.has(jobName)) return;
    const keys = jobKeys(jobName);
    const stored = await redis.get(keys.settings);
    if (stored === null) {
      if (options.job !== undefined) throw new JobNotFoundError({ jobName, redisUrl: shownRedisUrl(options.redisUrl) });
      return;
    }
    const settings = JSON.parse(stored) as JobSettings;
    const endpointUrls = options.endpoints ?? settings.endpoints;
    const endpoints = endpointUrls.length > 0
      ? await Promise.all(endpointUrls.map(async (url) => ({ url, client: await options.createClient(url) })))
      : [{ url: "default", client: await options.createClient(undefined) }];
    const concurrency = options.concurrency ?? 8;
    const pool = new EndpointPool(endpoints, { maximum: concurrency, ...options.adaptive });
    const queue = new Queue(keys.queueName, { connection: redis });
    const model = options.model ?? settings.model;
    const context: JobContext = {
      jobName,
      keys,
      settings,
      responseModel: options.responseModel ?? fromJsonSchema(settings.schema as Record<string, unknown>),
      model,
      pool,
      rateLimitOf,
      redis,
      queue,
      describeError: options.describeError ?? ((error) => (error instanceof Error ? error.message : String(error))),
      signal: closing.signal,
      // Checked before the first record: the job may have been paused on its budget before this worker started.
      state: { startRecorded: false, budgetMaybeSpent: true },
    };
    const connection = connectRedis(options.redisUrl);
    const worker = new Worker<RecordJobData>(keys.queueName, (job, token) => processRecord(job, token, context), {
      connection,
      concurrency,
      autorun: true,
      lockDuration: options.lockDurationMs ?? 30_000,
      stalledInterval: options.stalledIntervalMs ?? 30_000,
      maxStalledCount: options.maxStalledCount ?? 2,
    });
    worker.on("completed", () => options.onRecordDone?.(jobName));
    worker.on("failed", (job) => {
      // A record given up on (it stalled too often) gets its failure written here; status and collect repair a miss.
      if (job !== undefined && job.finishedOn !== undefined) void settleLostRecords(redis, queue, keys, context.describeError).catch(() => {});
    });
    worker.on("error", () => {
      // Connection errors during a Redis restart: BullMQ reconnects on its own.
    });
    served.set(jobName, { worker, queue, connection });
  };

  let discovering = false;
  const discover = async (): Promise<void> => {
    if (discovering) return;
    discovering = true;
    try {
      const names = options.job === undefined ? await redis.smembers(jobRegistryKey) : [options.job];
      for (const name of names) await serve(name);
    } finally {
      discovering = false;
    }
  };
  try {
    await discover();
  } catch (error) {
    redis.disconnect();
    throw error;
  }
  const timer = options.job === undefined ? setInterval(() => void discover().catch(() => {}), options.discoverEveryMs ?? 2_000) : undefined;

  return {
    jobs: () => [...served.keys()],
    close: async (force = false) => {
      if (timer !== undefined) clearInterval(timer);
      if (force) closing.abort(new Error("the worker is closing"));
      await Promise.all([...served.values()].map(async ({ worker, queue, connection }) => {
        await worker.close(force);
        await queue.close();
        connection.disconnect();
      }));
      redis.disconnect();
    },
  };
}

import { type InstructorClient, type ResponseModelInput, structuredChatWithMetadata, type TokenUsage } from "@cortex-ml/core";
import { DelayedError, type Job, type Queue } from "bullmq";
import type { Redis } from "ioredis";
import type { InputRecord } from "../records/input-record.js";
import { failedRecord, type OutputRecord, succeededRecord, type UsageLedger } from "../records/output-record.js";
import { attemptsOfError, classifyFailure, retryAfterOf, usageOfError } from "./classify-failure.js";
import type { EndpointPool } from "./endpoint-pool.js";
import type { JobKeys } from "./job-keys.js";
import { costOf, type JobSettings } from "./job-settings.js";
import type { SharedRateLimit } from "./shared-rate-limit.js";
import { storeResult } from "./store-result.js";
import { budgetSpent, chargeUsage, readSpending } from "./usage-counters.js";

/** Everything a worker holds for one job. */
export interface JobContext {
  readonly jobName: string;
  readonly keys: JobKeys;
  readonly settings: JobSettings;
  readonly responseModel: ResponseModelInput;
  /** The worker's model, else the job's; undefined: the client's default. */
  readonly model: string | undefined;
  readonly pool: EndpointPool<InstructorClient>;
  readonly rateLimitOf: (endpoint: string) => SharedRateLimit;
  readonly redis: Redis;
  readonly queue: Queue;
  readonly describeError: (error: unknown) => string;
  /** Aborted when the worker closes: calls in flight are cancelled and their records left to another worker. */
  readonly signal: AbortSignal;
  /** What this worker learnt about the job, so a record costs no extra round trips. */
  readonly state: { startRecorded: boolean; budgetMaybeSpent: boolean };
}

/** What a record's data carries between deliveries (tokens of earlier deliveries). */
export interface RecordJobData extends InputRecord {
  readonly spent?: TokenUsage;
}

/** Tries of other endpoints within one delivery before the delivery counts as failed. */
const endpointTriesPerDelivery = 6;

/** Waits between budget checks while a job is paused on its budget. */
const budgetRecheckMs = 2_000;

const noUsage: TokenUsage = { promptTokens: 0, completionTokens: 0, totalTokens: 0 };

function addUsage(left: TokenUsage, right: TokenUsage | undefined): TokenUsage {
  if (right === undefined) return left;
  return { promptTokens: left.promptTokens + right.promptTokens, completionTokens: left.completionTokens + right.completionTokens, totalTokens: left.totalTokens + right.totalTokens };
}

/** A rough token count of a request before it is sent (four characters a token), for the tokens/min limit. */
function estimateTokens(system: string, text: string): number {
  return Math.ceil((system.length + text.length) / 4) + 64;
}

/**
 * Runs one delivery of one record: waits for the budget, an endpoint slot
 * (AIMD) and the shared rate limit, makes the structured call (transport
 * retries off: a 429 or a dead endpoint sends the record to another
 * endpoint), and writes the result once. A typed failure of the record is
 * written as its result; endpoint failures on every try throw, so BullMQ
 * delivers the record again later, and the last delivery writes the failure.
 */
export async function processRecord(job: Job<RecordJobData>, token: string | undefined, context: JobContext): Promise<void> {
  const { keys, settings, redis } = context;
  const record = job.data;
  if (context.state.budgetMaybeSpent) {
    if (budgetSpent(await readSpending(redis, keys))) {
      // Stop cleanly: no new records; this one goes back and runs when the budget is raised.
      if (!(await context.queue.isPaused())) await context.queue.pause();
      await job.moveToDelayed(Date.now() + budgetRecheckMs, token);
      throw new DelayedError();
    }
    context.state.budgetMaybeSpent = false;
  }
  if (!context.state.startRecorded) {
    context.state.startRecorded = true;
    await redis.hsetnx(keys.counters, "startedAt", Date.now());
  }
  const deliveries = Math.max(1, job.attemptsStarted);
  const lastDelivery = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
  let spent = record.spent ?? noUsage;
  const messages = [
    { role: "system" as const, content: settings.system },
    { role: "user" as const, content: record.text },
  ];
  const estimate = estimateTokens(settings.system, record.text);
  let lastError: unknown;
  for (let attempt = 0; attempt < endpointTriesPerDelivery; attempt += 1) {
    const lease = await context.pool.acquire(context.signal);
    const rateLimit = context.rateLimitOf(lease.endpoint.url);
    const startedAt = performance.now();
    try {
      await rateLimit.take(settings.limits, estimate, context.signal);
      const result = await structuredChatWithMetadata(lease.endpoint.client, {
        ...(context.model === undefined ? {} : { model: context.model }),
        responseModel: context.responseModel,
        messages,
        ...settings.callSettings,
        transportRetry: { maxRetries: 0 },
        signal: context.signal,
      });
      lease.release({ kind: "answered", latencyMs: (performance.now() - startedAt) / Math.max(1, result.attempts) });
      spent = addUsage(spent, result.usage);
      await settleRateLimit(context, lease.endpoint.url, estimate, result.usage);
      const ledger: UsageLedger = { attempts: result.attempts, reasks: result.attempts - 1, deliveries, usage: spent, endpoint: lease.endpoint.url };
      await finish(context, succeededRecord(record.line, record.id, result.data, ledger), result.usage);
      return;
    } catch (error) {
      if (context.signal.aborted) {
        lease.release({ kind: "failed" });
        throw error;
      }
      const kind = classifyFailure(error);
      const used = usageOfError(error);
      spent = addUsage(spent, used);
      if (used !== undefined) await settleRateLimit(context, lease.endpoint.url, estimate, used);
      if (kind === "record") {
        lease.release({ kind: "answered", latencyMs: performance.now() - startedAt });
        const attempts = attemptsOfError(error);
        const ledger: UsageLedger = { attempts, reasks: Math.max(0, attempts - 1), deliveries, usage: spent };
        await finish(context, failedRecord(record.line, record.id, error, context.describeError, ledger), used);
        return;
      }
      if (used !== undefined) await chargeUsage(redis, keys, used, costOf(context.settings.prices[context.model ?? ""], used.promptTokens, used.completionTokens));
      const retryAfterMs = retryAfterOf(error);
      lease.release({ kind: kind === "overloaded" ? "overloaded" : "failed", ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });
      lastError = error;
      if (kind === "unexpected") break;
    }
  }
  if (lastDelivery) {
    const ledger: UsageLedger = { attempts: 0, reasks: 0, deliveries, usage: spent };
    await finish(context, failedRecord(record.line, record.id, lastError, context.describeError, ledger));
    return;
  }
  if (spent !== record.spent && spent.totalTokens > 0) await job.updateData({ ...record, spent });
  throw lastError;
}

/** Settles the shared tokens/min estimate with the tokens a call used. */
async function settleRateLimit(context: JobContext, endpoint: string, estimate: number, usage: TokenUsage): Promise<void> {
  await context.rateLimitOf(endpoint).settle(context.settings.limits.tokensPerMinute, estimate, usage.totalTokens);
}

/** Writes the record's result with its last call's tokens; a spent budget pauses the job (the records in flight finish). */
async function finish(context: JobContext, result: OutputRecord, usage?: TokenUsage): Promise<void> {
  const cost = usage === undefined ? 0 : costOf(context.settings.prices[context.model ?? ""], usage.promptTokens, usage.completionTokens);
  const outcome = await storeResult(context.redis, context.keys, result, usage, cost);
  if (outcome.budgetSpent) {
    context.state.budgetMaybeSpent = true;
    if (!(await context.queue.isPaused())) await context.queue.pause();
  }
}

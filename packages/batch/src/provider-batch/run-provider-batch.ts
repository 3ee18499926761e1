import { createHash } from "node:crypto";
import {
  InvalidArgumentError,
  type InstructorClient,
  type Mode,
  type PassThroughParams,
  planStructuredRequest,
  type ResponseModelInput,
  type StructuredRequestPlan,
} from "@cortex-ml/core";
import { BatchFailedError } from "./batch-failed-error.js";
import { BatchInterruptedError } from "./batch-interrupted-error.js";
import { BatchItemError } from "./batch-item-error.js";
import { BatchJobMismatchError } from "./batch-job-mismatch-error.js";
import type { BatchItemOutcome, BatchProgress, BatchProvider } from "./batch-provider.js";
import { batchProviderFor } from "./batch-provider-for.js";
import { BatchRequestError } from "./batch-request-error.js";
import type { BatchStateStore } from "./batch-state-store.js";
import { customIdOf, indexOfCustomId, type JobState, newJobState, type RoundState } from "./job-state.js";
import type { ProviderBatchEvent } from "./provider-batch-events.js";
import type { BatchVia, ProviderBatchRecord, ProviderBatchResult } from "./provider-batch-types.js";
import { settleRecord } from "./settle-record.js";
import { wait } from "./wait.js";

/** Options of {@link runProviderBatch}. */
export interface ProviderBatchOptions<TModel extends ResponseModelInput> {
  /** The client whose endpoint, key, mode and defaults the requests use (`fromProvider("openai/gpt-4o-mini")`). */
  readonly client: InstructorClient;
  readonly via: BatchVia;
  readonly responseModel: TModel;
  readonly records: readonly ProviderBatchRecord[];
  /** Names the job in the store; rerunning with the same id resumes it. */
  readonly jobId: string;
  readonly store: BatchStateStore;
  /** The model; default the client's. */
  readonly model?: string;
  readonly mode?: Mode;
  /** Re-ask rounds after invalid answers; default the client's `maxRetries`. */
  readonly maxRetries?: number;
  /** Times an item the provider could not answer (expired, server error) is sent again. Default 2. */
  readonly maxResends?: number;
  /** Time between two polls of a batch, in milliseconds. Default 30,000. */
  readonly pollInterval?: number;
  /** Polls in a row that may fail (no connection, 5xx) before the job stops (its state saved). Default 5. */
  readonly maxPollFailures?: number;
  /** Request fields sent with every request (`max_tokens`, `temperature`, `top_p`...). */
  readonly requestFields?: PassThroughParams;
  /** Anthropic: `max_tokens` when `requestFields` sets none. Default 4096. */
  readonly maxTokens?: number;
  /** Stops waiting (the batch keeps running at the provider); the promise rejects with `BatchInterruptedError`. */
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: ProviderBatchEvent) => void;
  /** Hears each record as soon as its result is final and saved. */
  readonly onResult?: (result: ProviderBatchResult) => void;
  /** The batch API implementation; default the one `via` names, on the client's endpoint. */
  readonly provider?: BatchProvider;
}

/** How a finished job ended. */
export interface ProviderBatchOutcome {
  readonly jobId: string;
  /** Every record's result, in input order. */
  readonly results: readonly ProviderBatchResult[];
  /** The batches submitted, round by round (earlier runs of the job included). */
  readonly batchIds: readonly string[];
}

function resultOf(state: JobState, index: number): ProviderBatchResult | undefined {
  const record = state.records[index];
  if (record === undefined || (record.status !== "done" && record.status !== "failed")) return undefined;
  const ledger = { attempts: record.attempts, reasks: record.reasks, resends: record.resends, usage: record.usage };
  if (record.status === "done") return { key: record.key, ok: true, data: record.data, ledger };
  return { key: record.key, ok: false, error: record.error ?? { name: "Error", message: "failed" }, ledger };
}

function checkOptions(options: ProviderBatchOptions<ResponseModelInput>): void {
  const problem = (argument: string, text: string) => new InvalidArgumentError({ argument, problem: text });
  if (typeof options.jobId !== "string" || options.jobId.trim() === "") throw problem("jobId", 'name the job, e.g. jobId: "people-2026-12"; rerunning with it resumes the job.');
  if (!Array.isArray(options.records)) throw problem("records", "expected an array of { key, messages }.");
  const keys = new Set<string>();
  for (const record of options.records) {
    if (typeof record?.key !== "string") throw problem("records", "every record needs a string key.");
    if (keys.has(record.key)) throw problem("records", `the key "${record.key}" appears twice; keys name the results and must be unique.`);
    keys.add(record.key);
  }
  for (const [name, value, minimum] of [["pollInterval", options.pollInterval, 0], ["maxResends", options.maxResends, 0], ["maxPollFailures", options.maxPollFailures, 0]] as const) {
    if (value !== undefined && (!Number.isFinite(value) || value < minimum)) throw problem(name, `expected a number of ${minimum} or more, got ${String(value)}.`);
  }
}

/**
 * Runs a structured extraction over many records through a provider batch
 * API (half the price, results within 24 h): builds one request per record
 * exactly as a live call would, submits them as a batch, polls, validates
 * each answer against the response model, and sends the invalid ones as a
 * follow-up batch of re-asks, up to `maxRetries` rounds. The job's state
 * (batch ids, rounds, records done) is saved in `store` after every step, so
 * a killed job resumes where it was, without submitting a batch twice.
 *
 * @example
 * const client = fromProvider("openai/gpt-4o-mini");
 * const store = sqliteBatchStateStore("./people.batch.db");
 * const { results } = await runProviderBatch({ client, via: "openai-batch", responseModel: Person, records, jobId: "people", store });
 */
export async function runProviderBatch<TModel extends ResponseModelInput>(options: ProviderBatchOptions<TModel>): Promise<ProviderBatchOutcome> {
  checkOptions(options as ProviderBatchOptions<ResponseModelInput>);
  const { store, jobId, signal } = options;
  const provider = options.provider ?? batchProviderFor(options.client, options.via, options.maxTokens === undefined ? {} : { maxTokens: options.maxTokens });
  const plans: StructuredRequestPlan[] = options.records.map((record) =>
    planStructuredRequest(options.client, {
      ...options.requestFields,
      responseModel: options.responseModel,
      messages: record.messages,
      ...(options.model === undefined ? {} : { model: options.model }),
      ...(options.mode === undefined ? {} : { mode: options.mode }),
      ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
    }),
  );
  const firstRequests = plans.map((plan) => plan.request());
  if (firstRequests[0] !== undefined) provider.check({ customId: customIdOf(0), body: firstRequests[0] });
  const model = plans[0]?.model ?? options.model ?? options.client.model ?? "";
  const fingerprint = createHash("sha256")
    .update(JSON.stringify(options.records.map((record, index) => [record.key, firstRequests[index]])))
    .digest("hex");
  const maxResends = options.maxResends ?? 2;
  const pollInterval = options.pollInterval ?? 30_000;
  const maxPollFailures = options.maxPollFailures ?? 5;
  const emit = (event: ProviderBatchEvent) => options.onEvent?.(event);

  let state = await store.load(jobId);
  if (state === undefined) {
    state = newJobState({ jobId, via: provider.via, model, fingerprint, keys: options.records.map((record) => record.key) });
  } else {
    if (state.via !== provider.via) throw new BatchJobMismatchError({ jobId, difference: `batch API (${state.via})` });
    if (state.model !== model) throw new BatchJobMismatchError({ jobId, difference: `model (${state.model})` });
    if (state.fingerprint !== fingerprint) throw new BatchJobMismatchError({ jobId, difference: "set of records or request settings (messages, schema, mode)" });
  }
  const job = state;
  let stored: number | undefined = state.revision === 0 ? undefined : state.revision;
  const save = async () => {
    job.revision = (stored ?? 0) + 1;
    job.updatedAt = Date.now();
    await store.save(job, stored);
    stored = job.revision;
  };
  if (stored === undefined) await save();
  const interrupted = (batchId: string | undefined) => new BatchInterruptedError({ jobId, batchId });

  const waitForEnd = async (round: RoundState): Promise<BatchProgress> => {
    let failures = 0;
    for (;;) {
      if (signal?.aborted) throw interrupted(round.batchId);
      try {
        const progress = await provider.retrieve(round.batchId, signal);
        failures = 0;
        round.providerStatus = progress.status;
        emit({ type: "polled", round: round.round, batchId: round.batchId, status: progress.status, counts: progress.counts });
        if (progress.ended) return progress;
      } catch (error) {
        if (signal?.aborted) throw interrupted(round.batchId);
        if (!(error instanceof BatchRequestError) || !error.retryable || failures >= maxPollFailures) throw error;
        failures += 1;
        emit({ type: "poll-failed", round: round.round, batchId: round.batchId, message: error.message, consecutiveFailures: failures });
      }
      await wait(pollInterval, signal);
    }
  };

  const collect = async (round: RoundState): Promise<void> => {
    const progress = await waitForEnd(round);
    if (progress.failure !== undefined) {
      round.status = "failed";
      for (const customId of round.customIds) {
        const record = job.records[indexOfCustomId(customId, job.records.length) ?? -1];
        if (record?.status === "submitted") record.status = "pending";
      }
      await save();
      throw new BatchFailedError({ via: provider.via, batchId: round.batchId, round: round.round, status: progress.status, reasons: progress.failure });
    }
    const outcomes = new Map<string, BatchItemOutcome>();
    for (const outcome of await provider.results(round.batchId, signal)) outcomes.set(outcome.customId, outcome);
    const counts = { valid: 0, reasks: 0, resends: 0, failed: 0 };
    const finished: number[] = [];
    for (const customId of round.customIds) {
      const index = indexOfCustomId(customId, job.records.length);
      const record = index === undefined ? undefined : job.records[index];
      const plan = index === undefined ? undefined : plans[index];
      if (index === undefined || record === undefined || plan === undefined || record.status !== "submitted") continue;
      const missing = progress.status === "cancelled" || progress.status === "canceled" ? "the batch was cancelled" : "the batch ended without a result for it";
      const outcome: BatchItemOutcome = outcomes.get(customId) ?? {
        customId,
        kind: "error",
        error: new BatchItemError({ via: provider.via, customId, status: undefined, code: progress.status, serverMessage: missing, retryable: !missing.includes("cancelled") }),
      };
      const turn = await settleRecord(record, outcome, plan, maxResends);
      if (turn === "valid") counts.valid += 1;
      else if (turn === "reask") counts.reasks += 1;
      else if (turn === "resend") counts.resends += 1;
      else counts.failed += 1;
      if (turn === "valid" || turn === "failed") finished.push(index);
    }
    round.status = "collected";
    await save();
    emit({ type: "collected", round: round.round, batchId: round.batchId, ...counts });
    for (const index of finished) {
      const result = resultOf(job, index);
      if (result) options.onResult?.(result);
    }
  };

  try {
    await drive();
  } catch (error) {
    // Aborted inside a request (an upload, a download): the same interruption, the state as last saved.
    if (signal?.aborted && !BatchInterruptedError.isInstance(error)) throw interrupted(job.rounds.find((round) => round.status === "open")?.batchId);
    throw error;
  }
  const results = job.records.map((_, index) => resultOf(job, index) as ProviderBatchResult);
  return { jobId, results, batchIds: job.rounds.map((round) => round.batchId) };

  async function drive(): Promise<void> {
    for (;;) {
      const open = job.rounds.find((round) => round.status === "open");
      if (open !== undefined) {
        emit({ type: "resumed", round: open.round, batchId: open.batchId });
        await collect(open);
        continue;
      }
      const pending = job.records.flatMap((record, index) => (record.status === "pending" ? [index] : []));
      if (pending.length === 0) break;
      if (signal?.aborted) throw interrupted(undefined);
      const number = job.rounds.length + 1;
      const requests = pending.map((index) => ({
        customId: customIdOf(index),
        body: job.records[index]?.followUp ? (plans[index] as StructuredRequestPlan).request(job.records[index]?.followUp) : (firstRequests[index] as never),
      }));
      const submitted = await provider.submit(requests, { jobId, round: number }, signal);
      const round: RoundState = {
        round: number,
        batchId: submitted.batchId,
        inputFileId: submitted.inputFileId,
        customIds: requests.map((request) => request.customId),
        submittedAt: Date.now(),
        status: "open",
        providerStatus: "submitted",
      };
      job.rounds.push(round);
      for (const index of pending) (job.records[index] as { status: string }).status = "submitted";
      await save();
      emit({ type: "submitted", round: number, batchId: submitted.batchId, records: requests.length });
      await collect(round);
    }
  }
}

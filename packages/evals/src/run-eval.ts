import {
  type HookEvent,
  InvalidArgumentError,
  RequestAbortedError,
  type StructuredChatOptions,
  structuredChatWithMetadata,
  type TokenUsage,
} from "@cortex-ml/core";
import { type ResponseModelInput, resolveResponseModel } from "@cortex-ml/schemas";
import { performance } from "node:perf_hooks";
import { type CallFigures, readCallFigures, writeCallFigures } from "./call-figures.js";
import { compareWithLabel } from "./compare-with-label.js";
import { type ComparisonOptions, type ResolvedComparison, resolveComparison } from "./comparison-options.js";
import type { EvalReport, RecordResult } from "./eval-report.js";
import { type EvalCallSettings, type EvalTarget, type ResolvedTarget, resolveTargets } from "./eval-target.js";
import { isFatalEvalError } from "./is-fatal-eval-error.js";
import type { LabelledRecord } from "./labelled-record.js";
import { schemaPaths } from "./schema-paths.js";
import { type RecordRun, summarizeTarget } from "./summarize-target.js";

/** The system message of an eval's calls unless `system` or `messages` says otherwise (the CLI's extraction prompt). */
export const defaultEvalSystemPrompt = "Extract the requested data from the text.";

const noUsage: TokenUsage = { promptTokens: 0, completionTokens: 0, totalTokens: 0 };

/** Calls in flight at once unless `concurrency` says otherwise. */
export const defaultEvalConcurrency = 4;

/** The messages of one call. */
export type EvalMessages = StructuredChatOptions<ResponseModelInput>["messages"];

/** How far an eval is: results so far of all (records x targets). */
export interface EvalProgress {
  readonly done: number;
  readonly total: number;
}

/** What {@link runEval} runs and how. */
export interface RunEvalOptions {
  /** The Valibot schema (or prepared response model) every record is extracted with. */
  readonly responseModel: ResponseModelInput;
  /** The labelled records (see `parseLabelledRecords`). */
  readonly records: readonly LabelledRecord[];
  /** The models and modes compared, each with its client. */
  readonly targets: readonly EvalTarget[];
  /** The system message; default {@link defaultEvalSystemPrompt}. */
  readonly system?: string;
  /** The messages of a record's call, replacing `[system, user: record.text]`: to evaluate a prompt. */
  readonly messages?: (record: LabelledRecord) => EvalMessages;
  /** Settings of every call (`maxRetries`, `temperature`, `seed`, `timeout`...); a target's own come first. */
  readonly callSettings?: EvalCallSettings;
  /** How answers are compared with labels (tolerances, string rules, per-path overrides). */
  readonly comparison?: ComparisonOptions;
  /** Calls in flight at once, 1 or more; default {@link defaultEvalConcurrency}. 1 gives latencies free of queueing. */
  readonly concurrency?: number;
  /** Cancels the eval: calls in flight are closed and `runEval` rejects with `RequestAbortedError`. */
  readonly signal?: AbortSignal;
  /** Called after each record's call, in the order they finish. */
  readonly onRecord?: (result: RecordResult, progress: EvalProgress) => void;
}

/** The output as JSON would carry it (a `Date` becomes its string), the form labels are written in. */
function asJson(value: unknown): unknown {
  const text = JSON.stringify(value);
  return text === undefined ? undefined : JSON.parse(text);
}

function errorSummary(error: unknown): { name: string; message: string } {
  return error instanceof Error ? { name: error.name, message: error.message } : { name: "Error", message: String(error) };
}

/** How long the answer of a call with these settings is kept: the call's `cache.ttl`, else the client's. */
function ttlOf(settings: EvalCallSettings, clientTtlMs: number | undefined): number | undefined {
  const option = settings.cache;
  return typeof option === "object" && option !== null && option.ttl !== undefined ? option.ttl : clientTtlMs;
}

/**
 * The figures a result reports: the call's own, or on a cache hit those of
 * the call that made the answer (kept next to it when that call was sent),
 * so a re-run answered from the cache reports what the model cost.
 */
async function settleFigures(
  target: ResolvedTarget,
  settings: EvalCallSettings,
  cache: { readonly outcome: "hit" | "miss"; readonly key: string } | undefined,
  measured: CallFigures,
): Promise<CallFigures> {
  const clientCache = target.client.cache;
  if (clientCache === undefined || cache === undefined) return measured;
  if (cache.outcome === "hit") return (await readCallFigures(target.client, clientCache.store, cache.key)) ?? measured;
  await writeCallFigures(target.client, clientCache.store, cache.key, { ...measured, model: target.model, ttlMs: ttlOf(settings, clientCache.ttlMs) });
  return measured;
}

/** Runs one record on one target; a failure that is the record's result is returned, a fatal one thrown. */
async function runRecord(
  options: RunEvalOptions,
  target: ResolvedTarget,
  record: LabelledRecord,
  comparison: ResolvedComparison,
  signal: AbortSignal,
): Promise<RecordRun> {
  let attemptsSent = 0;
  let usageSoFar = noUsage;
  let cacheKey: string | undefined;
  const hooks = {
    "cache:hit": (event: HookEvent<"cache:hit">) => {
      cacheKey = event.key;
    },
    "cache:miss": (event: HookEvent<"cache:miss">) => {
      cacheKey = event.key;
    },
    "completion:kwargs": (event: HookEvent<"completion:kwargs">) => {
      attemptsSent = Math.max(attemptsSent, event.attempt);
    },
    "completion:usage": (event: HookEvent<"completion:usage">) => {
      usageSoFar = event.totalUsage;
    },
  };
  const messages = options.messages?.(record) ?? [
    { role: "system" as const, content: options.system ?? defaultEvalSystemPrompt },
    { role: "user" as const, content: record.text },
  ];
  const identity = { target: target.name, line: record.line, ...(record.id === undefined ? {} : { id: record.id }) };
  const settings: EvalCallSettings = { ...options.callSettings, ...target.callSettings };
  const startedAt = performance.now();
  try {
    const answer = await structuredChatWithMetadata(target.client, {
      ...settings,
      model: target.model,
      mode: target.mode,
      responseModel: options.responseModel,
      messages,
      hooks,
      signal,
    });
    const measured = { attempts: answer.attempts, latencyMs: performance.now() - startedAt, usage: answer.usage, modeUsed: answer.modeUsed };
    const cache = answer.cache === undefined || cacheKey === undefined ? undefined : { outcome: answer.cache, key: cacheKey };
    const { attempts, latencyMs, usage, modeUsed } = await settleFigures(target, settings, cache, measured);
    const output = asJson(answer.data);
    const { events, disagreements } = compareWithLabel(record.label, output, comparison);
    const result: RecordResult = {
      ...identity,
      ok: true,
      output,
      ...(cache === undefined ? {} : { cache: cache.outcome }),
      ...(modeUsed === undefined ? {} : { modeUsed }),
      attempts,
      reasks: Math.max(0, attempts - 1),
      firstTryValid: attempts <= 1,
      latencyMs,
      usage,
      exact: disagreements.length === 0,
      disagreements,
    };
    return { result, events };
  } catch (error) {
    if (isFatalEvalError(error)) throw error;
    const latencyMs = performance.now() - startedAt;
    // No answer: every value of the label is missing.
    const { events, disagreements } = compareWithLabel(record.label, undefined, comparison);
    const result: RecordResult = {
      ...identity,
      ok: false,
      error: errorSummary(error),
      // Only valid answers are cached: a record without one is asked again on the next run.
      ...(cacheKey === undefined ? {} : { cache: "miss" as const }),
      attempts: attemptsSent,
      reasks: Math.max(0, attemptsSent - 1),
      firstTryValid: false,
      latencyMs,
      usage: usageSoFar,
      exact: false,
      disagreements,
    };
    return { result, events };
  }
}

function checkConcurrency(concurrency: number): void {
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new InvalidArgumentError({ argument: "concurrency", problem: `must be a whole number, 1 or more (got ${concurrency})` });
  }
}

/**
 * Runs every labelled record through every target (model and mode) with
 * `structuredChatWithMetadata`, compares each answer with its label field by
 * field, and reports per target: precision, recall and F1 per schema path,
 * the first-try validity rate, re-asks, tokens, latency (median, p90), and
 * failures by error name. Targets run one after another (a local server
 * keeps one model loaded), records `concurrency` at a time.
 *
 * A record whose call fails (no valid answer after the re-asks, a refusal, a
 * timeout...) is a result: its label's values count as missing. A failure
 * that would fail every record alike (the endpoint unreachable, the model
 * missing, a wrong argument, a rejected API key, the signal) stops the eval
 * and rejects with that error.
 *
 * The clients are used as given: a client with a response cache
 * (`createInstructor({ cache: true })`) answers a re-run from the cache, so an
 * eval repeated after a label fix sends no request for the records that got
 * a valid answer (those that did not are asked again). Each hit reports the
 * requests, latency and tokens of the call that made the answer (kept in the
 * same store), and `cacheHits` / `requestsSent` per target say what this run
 * took. `callSettings: { cache: false }` skips the cache.
 */
export async function runEval(options: RunEvalOptions): Promise<EvalReport> {
  const concurrency = options.concurrency ?? defaultEvalConcurrency;
  checkConcurrency(concurrency);
  if (options.records.length === 0) throw new InvalidArgumentError({ argument: "records", problem: "no labelled records to run" });
  const comparison = resolveComparison(options.comparison);
  const targets = resolveTargets(options.targets);
  const pathOrder = schemaPaths(options.responseModel);
  const schemaName = resolveResponseModel(options.responseModel).name;

  const jobs = targets.flatMap((target) => options.records.map((record) => ({ target, record })));
  const runs: RecordRun[] = [];
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  let fatal: { error: unknown } | undefined;
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < jobs.length && !signal.aborted; index = next++) {
      const { target, record } = jobs[index] as (typeof jobs)[number];
      try {
        const run = await runRecord(options, target, record, comparison, signal);
        runs[index] = run;
        done += 1;
        options.onRecord?.(run.result, { done, total: jobs.length });
      } catch (error) {
        fatal ??= { error };
        stop.abort(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker));
  // Cancelled from outside: the first call to notice says so; the signal's reason when none was in flight.
  if (options.signal?.aborted && (fatal === undefined || !RequestAbortedError.isInstance(fatal.error))) {
    throw new RequestAbortedError({ reason: options.signal.reason instanceof Error ? options.signal.reason.message : String(options.signal.reason ?? "aborted") });
  }
  if (fatal !== undefined) throw fatal.error;

  const targetReports = targets.map((target) => summarizeTarget(target, runs.filter((run) => run.result.target === target.name), pathOrder));
  const reportedPaths = new Set(targetReports.flatMap((report) => report.fields.map((field) => field.path)));
  const paths = [...pathOrder.filter((path) => reportedPaths.has(path)), ...[...reportedPaths].filter((path) => !pathOrder.includes(path))];
  return {
    createdAt: new Date().toISOString(),
    schemaName,
    records: options.records.length,
    comparison,
    paths,
    targets: targetReports,
    results: runs.map((run) => run.result),
  };
}

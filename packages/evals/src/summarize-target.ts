import type { ResolvedTarget } from "./eval-target.js";
import type { LatencyFigures, RecordResult, TargetReport } from "./eval-report.js";
import type { FieldEvent } from "./field-outcome.js";
import { fieldScores, overallScores } from "./field-score.js";
import { percentile } from "./percentile.js";

/** One record's result with the per-value events its comparison found. */
export interface RecordRun {
  readonly result: RecordResult;
  readonly events: readonly FieldEvent[];
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function tenths(value: number): number {
  return Math.round(value * 10) / 10;
}

function latencyFigures(latencies: readonly number[]): LatencyFigures {
  return {
    median: tenths(percentile(latencies, 0.5) ?? 0),
    p90: tenths(percentile(latencies, 0.9) ?? 0),
    mean: tenths(sum(latencies) / Math.max(1, latencies.length)),
    min: tenths(Math.min(...latencies)),
    max: tenths(Math.max(...latencies)),
  };
}

function failuresByName(results: readonly RecordResult[]): TargetReport["failures"] {
  const counts = new Map<string, number>();
  for (const result of results) {
    if (result.error !== undefined) counts.set(result.error.name, (counts.get(result.error.name) ?? 0) + 1);
  }
  return [...counts.entries()].map(([name, count]) => ({ name, count })).sort((left, right) => right.count - left.count || left.name.localeCompare(right.name));
}

function modesUsed(results: readonly RecordResult[]): TargetReport["modesUsed"] {
  const counts = new Map<NonNullable<RecordResult["modeUsed"]>, number>();
  for (const result of results) {
    if (result.modeUsed !== undefined) counts.set(result.modeUsed, (counts.get(result.modeUsed) ?? 0) + 1);
  }
  return [...counts.entries()].map(([mode, count]) => ({ mode, count })).sort((left, right) => right.count - left.count || left.mode.localeCompare(right.mode));
}

/** The figures of one target from its records' runs, field rows in `pathOrder`. */
export function summarizeTarget(target: ResolvedTarget, runs: readonly RecordRun[], pathOrder: readonly string[]): TargetReport {
  const results = runs.map((run) => run.result);
  const records = results.length;
  const share = (count: number): number => (records === 0 ? 0 : count / records);
  const succeeded = results.filter((result) => result.ok).length;
  const firstTryValid = results.filter((result) => result.firstTryValid).length;
  const exactRecords = results.filter((result) => result.exact).length;
  const reasks = results.map((result) => result.reasks);
  const cacheHits = results.filter((result) => result.cache === "hit").length;
  const requestsSent = sum(results.filter((result) => result.cache !== "hit").map((result) => result.attempts));
  const fields = fieldScores(
    runs.flatMap((run) => run.events),
    pathOrder,
  );
  const promptTokens = sum(results.map((result) => result.usage.promptTokens));
  const completionTokens = sum(results.map((result) => result.usage.completionTokens));
  const totalTokens = sum(results.map((result) => result.usage.totalTokens));
  return {
    name: target.name,
    model: target.model,
    mode: target.mode,
    records,
    succeeded,
    failed: records - succeeded,
    cacheHits,
    requestsSent,
    firstTryValid,
    firstTryValidityRate: share(firstTryValid),
    reasks: { total: sum(reasks), perRecord: share(sum(reasks)), max: Math.max(0, ...reasks) },
    tokens: { prompt: promptTokens, completion: completionTokens, total: totalTokens, perRecord: share(totalTokens) },
    latencyMs: latencyFigures(results.map((result) => result.latencyMs)),
    modesUsed: modesUsed(results),
    failures: failuresByName(results),
    exactRecords,
    exactRecordRate: share(exactRecords),
    overall: overallScores(fields),
    fields,
  };
}

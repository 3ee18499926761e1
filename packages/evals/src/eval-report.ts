import type { Mode, TokenUsage, WireMode } from "@cortex-ml/core";
import type { ResolvedComparison } from "./comparison-options.js";
import type { Disagreement } from "./field-outcome.js";
import type { FieldCounts, FieldScore, Scores } from "./field-score.js";

/** How one record went on one target. */
export interface RecordResult {
  /** The target's name. */
  readonly target: string;
  /** The record's line in the data. */
  readonly line: number;
  readonly id?: unknown;
  /** True when the call gave a valid answer. */
  readonly ok: boolean;
  /** The valid answer, as JSON. */
  readonly output?: unknown;
  /** Why there is no answer: the typed error's name and message. */
  readonly error?: { readonly name: string; readonly message: string };
  /**
   * With a response cache: `"hit"` when the answer came from it (no request
   * this run; the figures below are those of the call that made the answer),
   * `"miss"` when the call was sent. Absent without a cache.
   */
  readonly cache?: "hit" | "miss";
  /** The mode of the valid answer when the target's mode is "auto" (for a cache hit, that of the call that made the answer). */
  readonly modeUsed?: WireMode;
  /** Requests made: 1 when the first answer was valid, 0 when none was sent. */
  readonly attempts: number;
  /** Re-asks: attempts after the first. */
  readonly reasks: number;
  /** True when the first answer was valid. */
  readonly firstTryValid: boolean;
  /** Wall time of the call, re-asks and transport retries included, in milliseconds. */
  readonly latencyMs: number;
  /** Tokens of every attempt (a failed call's too). */
  readonly usage: TokenUsage;
  /** True when the answer agrees with the label everywhere. */
  readonly exact: boolean;
  /** Where the answer disagrees with the label (every label value is missing when the call failed). */
  readonly disagreements: readonly Disagreement[];
}

/** A distribution of milliseconds. */
export interface LatencyFigures {
  readonly median: number;
  readonly p90: number;
  readonly mean: number;
  readonly min: number;
  readonly max: number;
}

/** Everything measured for one target (a model in a mode). */
export interface TargetReport {
  readonly name: string;
  readonly model: string;
  readonly mode: Mode;
  readonly records: number;
  /** Records with a valid answer. */
  readonly succeeded: number;
  readonly failed: number;
  /** Records answered from the response cache, so without a request this run. */
  readonly cacheHits: number;
  /** Requests this run sent (re-asks included; none for a cache hit). */
  readonly requestsSent: number;
  /** Records whose first answer was valid, and their share of all records. */
  readonly firstTryValid: number;
  readonly firstTryValidityRate: number;
  readonly reasks: { readonly total: number; readonly perRecord: number; readonly max: number };
  readonly tokens: { readonly prompt: number; readonly completion: number; readonly total: number; readonly perRecord: number };
  readonly latencyMs: LatencyFigures;
  /** With mode "auto": the modes that gave the valid answers, most frequent first. */
  readonly modesUsed: readonly { readonly mode: WireMode; readonly count: number }[];
  /** Failed records by error name (`RetriesExhaustedError`, `TimeoutError`...), most frequent first. */
  readonly failures: readonly { readonly name: string; readonly count: number }[];
  /** Records whose answer agrees with the label everywhere, and their share. */
  readonly exactRecords: number;
  readonly exactRecordRate: number;
  /** Every value of every field together (micro-averaged). */
  readonly overall: FieldCounts & Scores;
  /** Per schema path, in the schema's order. */
  readonly fields: readonly FieldScore[];
}

/** The result of an eval: every target side by side, and every record's result. */
export interface EvalReport {
  /** When the eval finished, ISO 8601. */
  readonly createdAt: string;
  /** The response model's name (its `v.title`, else `Response`). */
  readonly schemaName: string;
  /** Labelled records run on each target. */
  readonly records: number;
  readonly comparison: ResolvedComparison;
  /** Every schema path with a row for some target, in report order. */
  readonly paths: readonly string[];
  readonly targets: readonly TargetReport[];
  /** Target by target, record by record. */
  readonly results: readonly RecordResult[];
}

import type { AttemptRecord, TokenUsage } from "@cortex-ml/core";
import type { ChatCompletionMessageParam } from "openai/resources/chat/completions";
import type { BatchVia, RecordFailure } from "./provider-batch-types.js";

/** Where one record of a job is. */
export interface RecordState {
  readonly key: string;
  /** `pending`: to send in the next round; `submitted`: in the open round; `done` / `failed`: final. */
  status: "pending" | "submitted" | "done" | "failed";
  /** Answers received. */
  attempts: number;
  reasks: number;
  resends: number;
  usage: TokenUsage;
  /** The last rejected answer and its feedback, appended to the record's messages in its next request. */
  followUp: ChatCompletionMessageParam[] | undefined;
  /** Every rejected answer, for the error when the re-asks run out. */
  rejected: AttemptRecord[];
  data?: unknown;
  error?: RecordFailure;
}

/** One batch submitted to the provider. */
export interface RoundState {
  /** 1 for the first batch, 2 for the first batch of re-asks... */
  readonly round: number;
  readonly batchId: string;
  /** OpenAI: the uploaded input file. */
  readonly inputFileId: string | undefined;
  /** The records' custom ids in this batch. */
  readonly customIds: readonly string[];
  readonly submittedAt: number;
  /** `open` until its results are read (`collected`), or the batch failed as a whole (`failed`). */
  status: "open" | "collected" | "failed";
  /** The provider's last reported status. */
  providerStatus: string;
}

/** Everything needed to resume a provider batch job, as stored. */
export interface JobState {
  readonly version: 1;
  readonly jobId: string;
  readonly via: BatchVia;
  readonly model: string;
  /** A hash of the records and the request settings: a rerun with other records is refused. */
  readonly fingerprint: string;
  /** Bumped by every save; a save expecting an older revision fails (another runner). */
  revision: number;
  readonly createdAt: number;
  updatedAt: number;
  rounds: RoundState[];
  /** In input order; a record's custom id is `r<index>`. */
  records: RecordState[];
}

/** The custom id of the record at `index` (letters, digits, `-`, `_`: valid for both providers). */
export function customIdOf(index: number): string {
  return `r${index}`;
}

/** The record index of a custom id, or undefined when it is not one of ours. */
export function indexOfCustomId(customId: string, recordCount: number): number | undefined {
  const match = /^r(\d+)$/.exec(customId);
  if (match === null) return undefined;
  const index = Number(match[1]);
  return index < recordCount ? index : undefined;
}

/** A new job with every record pending. */
export function newJobState(options: { jobId: string; via: BatchVia; model: string; fingerprint: string; keys: readonly string[] }): JobState {
  const now = Date.now();
  return {
    version: 1,
    jobId: options.jobId,
    via: options.via,
    model: options.model,
    fingerprint: options.fingerprint,
    revision: 0,
    createdAt: now,
    updatedAt: now,
    rounds: [],
    records: options.keys.map((key) => ({
      key,
      status: "pending",
      attempts: 0,
      reasks: 0,
      resends: 0,
      usage: { promptTokens: 0, completionTokens: 0, totalTokens: 0 },
      followUp: undefined,
      rejected: [],
    })),
  };
}

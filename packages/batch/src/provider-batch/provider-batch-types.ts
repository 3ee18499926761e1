import type { TokenUsage } from "@cortex-ml/core";
import type { ChatCompletionMessageParam } from "openai/resources/chat/completions";

/** Which provider batch API a job goes through. */
export type BatchVia = "openai-batch" | "anthropic-batch";

/** The batch APIs there are. */
export const batchVias: readonly BatchVia[] = ["openai-batch", "anthropic-batch"];

/** One record of a provider batch job: its messages, under a key of yours. */
export interface ProviderBatchRecord {
  /** Names the record in the results (an input line number, a database id...); unique within the job. */
  readonly key: string;
  readonly messages: readonly ChatCompletionMessageParam[];
}

/** What one record cost: every request sent for it, and the tokens. */
export interface RecordLedger {
  /** Answers received (1 when the first answer was valid). */
  readonly attempts: number;
  /** Re-asks sent after an invalid answer. */
  readonly reasks: number;
  /** Requests sent again because the provider could not answer them (an expired or errored item), not counted as re-asks. */
  readonly resends: number;
  readonly usage: TokenUsage;
}

/** Why a record has no valid answer, as stored (plain data, so a resumed job reads it back). */
export interface RecordFailure {
  /** The error's stable name: `RetriesExhaustedError`, `LengthLimitError`, `RefusalError`, `BatchItemError`... */
  readonly name: string;
  readonly message: string;
  /** The last raw output, when the model answered. */
  readonly rawOutput?: string | undefined;
}

/** The outcome of one record. */
export type ProviderBatchResult =
  | { readonly key: string; readonly ok: true; readonly data: unknown; readonly ledger: RecordLedger }
  | { readonly key: string; readonly ok: false; readonly error: RecordFailure; readonly ledger: RecordLedger };

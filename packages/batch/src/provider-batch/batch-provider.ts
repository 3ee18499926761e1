import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming } from "openai/resources/chat/completions";
import type { BatchItemError } from "./batch-item-error.js";
import type { BatchVia } from "./provider-batch-types.js";

/** One request of a batch: the chat-completions body a live call would send. */
export interface BatchItemRequest {
  readonly customId: string;
  readonly body: ChatCompletionCreateParamsNonStreaming;
}

/** A batch the provider accepted. */
export interface SubmittedBatch {
  readonly batchId: string;
  /** OpenAI: the uploaded input file. */
  readonly inputFileId: string | undefined;
}

/** A batch's progress, from one poll. */
export interface BatchProgress {
  /** The provider's own status (`in_progress`, `finalizing`, `ended`...). */
  readonly status: string;
  /** True once results can be read (or the batch is over without any). */
  readonly ended: boolean;
  /** Set when the batch failed as a whole: why. */
  readonly failure: readonly string[] | undefined;
  readonly counts: { readonly total: number; readonly done: number; readonly failed: number } | undefined;
}

/** One item's result: a completion in chat-completions shape, or the provider's error for it. */
export type BatchItemOutcome =
  | { readonly customId: string; readonly kind: "completion"; readonly completion: ChatCompletion }
  | { readonly customId: string; readonly kind: "error"; readonly error: BatchItemError };

/** What a round needs from a provider batch API. */
export interface BatchProvider {
  readonly via: BatchVia;
  /** Checks that the requests can be sent through this API (the mode, say); throws a typed error naming the fix. */
  check(request: BatchItemRequest): void;
  /** Uploads the requests and creates the batch. */
  submit(requests: readonly BatchItemRequest[], labels: { readonly jobId: string; readonly round: number }, signal: AbortSignal | undefined): Promise<SubmittedBatch>;
  /** Polls the batch once. */
  retrieve(batchId: string, signal: AbortSignal | undefined): Promise<BatchProgress>;
  /** Downloads the results of an ended batch (items without one are missing from the list). */
  results(batchId: string, signal: AbortSignal | undefined): Promise<BatchItemOutcome[]>;
}

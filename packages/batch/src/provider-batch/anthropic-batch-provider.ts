import { InvalidArgumentError, isRetryableStatus } from "@cortex-ml/core";
import { BatchItemError } from "./batch-item-error.js";
import type { BatchItemOutcome, BatchProvider } from "./batch-provider.js";
import { BatchRequestError } from "./batch-request-error.js";
import { type AnthropicResponse, fromAnthropicMessage, toAnthropicParams } from "./anthropic-messages.js";
import { parseJsonLines } from "./jsonl.js";
import { redactSecrets } from "./redact-secrets.js";

const via = "anthropic-batch";
/** The API version sent in `anthropic-version`. */
export const anthropicVersion = "2023-06-01";
/** Anthropic's largest batch. */
const maxRequestsPerBatch = 100_000;

/** Options of {@link anthropicBatchProvider}. */
export interface AnthropicBatchProviderOptions {
  /** The API root, ending in `/v1`. Default `https://api.anthropic.com/v1`. */
  readonly baseURL?: string;
  readonly apiKey: string;
  /** `max_tokens` of requests that set none (Anthropic requires it). Default 4096. */
  readonly maxTokens?: number;
  /** A `fetch` implementation. Default the global one. */
  readonly fetch?: typeof fetch;
}

/** One line of the results file. */
interface ResultLine {
  readonly custom_id?: unknown;
  readonly result?: {
    readonly type?: string;
    readonly message?: AnthropicResponse;
    readonly error?: { readonly type?: string; readonly error?: { readonly type?: string; readonly message?: string } };
  };
}

/**
 * The Anthropic Message Batches API over `fetch`: `POST /v1/messages/batches`
 * with `{requests: [{custom_id, params}]}` (each chat-completions body turned
 * into a Messages request: tools + `tool_choice` for structured output),
 * polled with `GET /v1/messages/batches/{id}` until `processing_status` is
 * `ended`, results read as JSONL from its `results_url`.
 */
export function anthropicBatchProvider(options: AnthropicBatchProviderOptions): BatchProvider {
  const baseURL = (options.baseURL ?? "https://api.anthropic.com/v1").replace(/\/+$/, "");
  const fetchImplementation = options.fetch ?? globalThis.fetch;
  const secrets = [options.apiKey];
  const maxTokens = options.maxTokens ?? 4096;
  const headers = { "x-api-key": options.apiKey, "anthropic-version": anthropicVersion, "content-type": "application/json" };

  const call = async (operation: string, url: string, init: RequestInit): Promise<Response> => {
    let response: Response;
    try {
      response = await fetchImplementation(url, { ...init, headers });
    } catch (error) {
      throw new BatchRequestError({ via, operation, status: undefined, serverMessage: redactSecrets((error as Error).message, secrets), retryable: true });
    }
    if (response.ok) return response;
    const body = await response.text().catch(() => "");
    let message = body.slice(0, 500);
    try {
      const parsed = JSON.parse(body) as { error?: { message?: string } };
      if (typeof parsed.error?.message === "string") message = parsed.error.message;
    } catch {
      // Not JSON: the text itself.
    }
    throw new BatchRequestError({ via, operation, status: response.status, serverMessage: redactSecrets(message, secrets), retryable: isRetryableStatus(response.status) });
  };
  const json = async <T>(operation: string, url: string, init: RequestInit): Promise<T> => (await (await call(operation, url, init)).json()) as T;

  return {
    via,
    check(request) {
      const format = request.body.response_format?.type;
      if (format === "json_schema") {
        throw new InvalidArgumentError({ argument: "mode", problem: 'anthropic-batch has no response_format: use mode "tools" (its default), "md_json" or "json".' });
      }
    },
    async submit(requests, _labels, signal) {
      if (requests.length > maxRequestsPerBatch) {
        throw new InvalidArgumentError({ argument: "records", problem: `an Anthropic batch takes at most ${maxRequestsPerBatch} requests, got ${requests.length}: split the job.` });
      }
      const body = JSON.stringify({ requests: requests.map((request) => ({ custom_id: request.customId, params: toAnthropicParams(request.body, maxTokens) })) });
      const batch = await json<{ id: string }>("create the batch", `${baseURL}/messages/batches`, { method: "POST", body, signal: signal ?? null });
      return { batchId: batch.id, inputFileId: undefined };
    },
    async retrieve(batchId, signal) {
      const batch = await json<{ processing_status: string; request_counts?: Record<string, number> }>(`retrieve the batch ${batchId}`, `${baseURL}/messages/batches/${encodeURIComponent(batchId)}`, {
        method: "GET",
        signal: signal ?? null,
      });
      const counts = batch.request_counts;
      const finished = counts ? (counts.succeeded ?? 0) + (counts.errored ?? 0) + (counts.canceled ?? 0) + (counts.expired ?? 0) : undefined;
      return {
        status: batch.processing_status,
        ended: batch.processing_status === "ended",
        failure: undefined,
        counts: counts && finished !== undefined ? { total: finished + (counts.processing ?? 0), done: finished, failed: finished - (counts.succeeded ?? 0) } : undefined,
      };
    },
    async results(batchId, signal) {
      const batch = await json<{ results_url?: string | null }>(`retrieve the batch ${batchId}`, `${baseURL}/messages/batches/${encodeURIComponent(batchId)}`, {
        method: "GET",
        signal: signal ?? null,
      });
      const url = batch.results_url ?? `${baseURL}/messages/batches/${encodeURIComponent(batchId)}/results`;
      const text = await (await call(`download the results of ${batchId}`, url, { method: "GET", signal: signal ?? null })).text();
      const outcomes: BatchItemOutcome[] = [];
      for (const value of parseJsonLines(text, () => undefined)) {
        const line = value as ResultLine;
        if (typeof line.custom_id !== "string") continue;
        const customId = line.custom_id;
        const result = line.result;
        if (result?.type === "succeeded" && result.message) {
          outcomes.push({ customId, kind: "completion", completion: fromAnthropicMessage(result.message, result.message.model ?? "") });
          continue;
        }
        const type = result?.type ?? "missing";
        const inner = result?.error?.error;
        const code = type === "errored" ? (inner?.type ?? "errored") : type;
        const serverMessage = inner?.message ?? (type === "expired" ? "the batch expired before this request ran" : type === "canceled" ? "the batch was canceled" : "no result");
        // Server-side and overload errors and expired items are worth another round; invalid requests and cancels are not.
        const retryable = type === "expired" || code === "api_error" || code === "overloaded_error" || code === "rate_limit_error";
        outcomes.push({ customId, kind: "error", error: new BatchItemError({ via, customId, status: undefined, code, serverMessage: redactSecrets(serverMessage, secrets), retryable }) });
      }
      return outcomes;
    },
  };
}

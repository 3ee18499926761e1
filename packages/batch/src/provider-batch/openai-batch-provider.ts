import { isRetryableStatus } from "@cortex-ml/core";
import OpenAI, { toFile } from "openai";
import type { ChatCompletion } from "openai/resources/chat/completions";
import { BatchItemError } from "./batch-item-error.js";
import type { BatchItemOutcome, BatchProgress, BatchProvider } from "./batch-provider.js";
import { BatchRequestError } from "./batch-request-error.js";
import { parseJsonLines, toJsonLines } from "./jsonl.js";
import { redactSecrets } from "./redact-secrets.js";

const via = "openai-batch";
const endedStatuses = new Set(["completed", "failed", "expired", "cancelled"]);

/** One line of an OpenAI batch output or error file. */
interface OutputLine {
  readonly custom_id?: unknown;
  readonly response?: { readonly status_code?: number; readonly body?: unknown } | null;
  readonly error?: { readonly code?: string | null; readonly message?: string | null } | null;
}

function errorMessage(body: unknown): { message: string; code: string | undefined } {
  const error = (body as { error?: { message?: unknown; type?: unknown; code?: unknown } } | null)?.error;
  const message = typeof error?.message === "string" ? error.message : JSON.stringify(body ?? null).slice(0, 500);
  const code = typeof error?.code === "string" ? error.code : typeof error?.type === "string" ? error.type : undefined;
  return { message, code };
}

/** Reads one output line as an item outcome; undefined when it names no custom id. */
function outcomeOf(line: OutputLine, secrets: readonly string[]): BatchItemOutcome | undefined {
  if (typeof line.custom_id !== "string") return undefined;
  const customId = line.custom_id;
  const status = line.response?.status_code;
  if (line.response && status === 200 && line.response.body !== undefined) {
    return { customId, kind: "completion", completion: line.response.body as ChatCompletion };
  }
  const fromBody = line.response ? errorMessage(line.response.body) : undefined;
  const code = line.error?.code ?? fromBody?.code ?? undefined;
  const message = line.error?.message ?? fromBody?.message ?? "no response for this request";
  const retryable = status !== undefined ? isRetryableStatus(status) : code === "batch_expired";
  const error = new BatchItemError({ via, customId, status, code, serverMessage: redactSecrets(message, secrets), retryable });
  return { customId, kind: "error", error };
}

/**
 * The OpenAI Batch API through an `openai` client: the requests as a JSONL
 * file (`POST /v1/files`, purpose `batch`, one `{custom_id, method, url, body}`
 * per line), a batch on `/v1/chat/completions` with a 24 h window, polled with
 * `GET /v1/batches/{id}`, results read from its output and error files.
 */
export function openAIBatchProvider(openai: OpenAI, secrets: readonly string[] = openai.apiKey ? [openai.apiKey] : []): BatchProvider {
  const failure = (operation: string, error: unknown): BatchRequestError => {
    if (error instanceof BatchRequestError) return error;
    const status = error instanceof OpenAI.APIError && typeof error.status === "number" ? error.status : undefined;
    const message = redactSecrets(error instanceof Error ? error.message : String(error), secrets);
    return new BatchRequestError({ via, operation, status, serverMessage: message, retryable: status === undefined || isRetryableStatus(status) });
  };
  const attempt = async <T>(operation: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw failure(operation, error);
    }
  };
  const fileText = (fileId: string, signal: AbortSignal | undefined) =>
    attempt(`download the file ${fileId}`, async () => (await openai.files.content(fileId, { signal })).text());
  return {
    via,
    check: () => undefined,
    async submit(requests, labels, signal) {
      const lines = requests.map((request) => ({ custom_id: request.customId, method: "POST", url: "/v1/chat/completions", body: request.body }));
      const file = await attempt("upload the input file", async () =>
        openai.files.create(
          { file: await toFile(Buffer.from(toJsonLines(lines), "utf8"), `${labels.jobId}-round-${labels.round}.jsonl`, { type: "application/jsonl" }), purpose: "batch" },
          { signal },
        ),
      );
      const batch = await attempt("create the batch", () =>
        openai.batches.create(
          {
            input_file_id: file.id,
            endpoint: "/v1/chat/completions",
            completion_window: "24h",
            metadata: { cortex_ml_job: labels.jobId.slice(0, 512), cortex_ml_round: String(labels.round) },
          },
          { signal },
        ),
      );
      return { batchId: batch.id, inputFileId: file.id };
    },
    async retrieve(batchId, signal): Promise<BatchProgress> {
      const batch = await attempt(`retrieve the batch ${batchId}`, () => openai.batches.retrieve(batchId, { signal }));
      const counts = batch.request_counts
        ? { total: batch.request_counts.total, done: batch.request_counts.completed + batch.request_counts.failed, failed: batch.request_counts.failed }
        : undefined;
      const failure =
        batch.status === "failed"
          ? (batch.errors?.data ?? []).map((error) => redactSecrets(`${error.line === undefined || error.line === null ? "" : `line ${error.line}: `}${error.message ?? error.code ?? "failed"}`, secrets))
          : undefined;
      return { status: batch.status, ended: endedStatuses.has(batch.status), failure, counts };
    },
    async results(batchId, signal) {
      const batch = await attempt(`retrieve the batch ${batchId}`, () => openai.batches.retrieve(batchId, { signal }));
      const outcomes: BatchItemOutcome[] = [];
      for (const fileId of [batch.output_file_id, batch.error_file_id]) {
        if (!fileId) continue;
        const text = await fileText(fileId, signal);
        for (const line of parseJsonLines(text, () => undefined)) {
          const outcome = outcomeOf(line as OutputLine, secrets);
          if (outcome) outcomes.push(outcome);
        }
      }
      return outcomes;
    },
  };
}

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { anthropicResultLine, type BatchItemRequestSeen, type BatchItemScript, openAIResultLine } from "./batch-api-answers.js";
import { MAX_BODY_BYTES, parseJsonBody, readBody } from "./read-body.js";
import { sendJson, testError } from "./send-json.js";

/** One batch the server holds. */
export interface LoopbackBatch {
  readonly id: string;
  readonly provider: "openai" | "anthropic";
  readonly items: readonly BatchItemRequestSeen[];
  /** Times it was retrieved. */
  polls: number;
}

/** One HTTP request the server received (headers included, to check authentication). */
export interface BatchApiRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string | string[] | undefined>;
}

/** An ended batch's result files. */
interface FinishedBatch {
  readonly status: string;
  readonly outputFileId?: string;
  readonly errorFileId?: string;
  /** Anthropic: the results JSONL. */
  readonly results?: string;
}

/** Options of {@link startBatchApiServer}. */
export interface BatchApiServerOptions {
  /** The answers of a custom id, one per submission of it; the last one repeats. */
  readonly script?: Readonly<Record<string, readonly BatchItemScript[]>>;
  /** The answer for items the script does not name. Default: an error item. */
  readonly answer?: (item: BatchItemRequestSeen) => BatchItemScript;
  /** Polls (retrieves) a batch takes to end. Default 2: in progress, then ended. */
  readonly pollsUntilEnded?: number;
  /** The key both APIs require (`Authorization: Bearer` / `x-api-key`). Default `test-key`. */
  readonly apiKey?: string;
  /** Fail the batch creation (OpenAI: a `failed` batch with these reasons) for these 1-based batch numbers. */
  readonly failBatches?: Readonly<Record<number, readonly string[]>>;
}

/** A running loopback server for the OpenAI Batch and Anthropic Message Batches APIs. */
export interface BatchApiServer {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** `url + "/v1"` */
  readonly baseURL: string;
  readonly batches: LoopbackBatch[];
  readonly requests: BatchApiRequest[];
  close(): Promise<void>;
}

/**
 * Starts a server on 127.0.0.1 (a free port) that implements the documented
 * batch endpoints: OpenAI `POST /v1/files` (multipart, purpose `batch`),
 * `GET /v1/files/{id}/content`, `POST /v1/batches`, `GET /v1/batches/{id}`
 * (validating, in_progress, then completed or expired, with output and error
 * files); Anthropic `POST /v1/messages/batches`, `GET /v1/messages/batches/{id}`
 * (in_progress, then ended with a `results_url`) and its `/results` JSONL.
 * Each item's answer is scripted per custom id and submission; request
 * bodies are bounded (16 MiB).
 */
export async function startBatchApiServer(options: BatchApiServerOptions = {}): Promise<BatchApiServer> {
  const apiKey = options.apiKey ?? "test-key";
  const pollsUntilEnded = options.pollsUntilEnded ?? 2;
  const files = new Map<string, string>();
  const batches: LoopbackBatch[] = [];
  const requests: BatchApiRequest[] = [];
  const submissions = new Map<string, number>();
  const finished = new Map<string, FinishedBatch>();
  let sequence = 0;
  let url = "";

  const scriptFor = (item: BatchItemRequestSeen): BatchItemScript => {
    const answers = options.script?.[item.customId];
    if (answers && answers.length > 0) return answers[Math.min(item.submission, answers.length) - 1] as BatchItemScript;
    return options.answer?.(item) ?? { kind: "error", status: 400, type: "invalid_request_error", message: `no scripted answer for ${item.customId}` };
  };
  const seen = (provider: "openai" | "anthropic", customId: string, body: Record<string, unknown>): BatchItemRequestSeen => {
    const key = `${provider}:${customId}`;
    const submission = (submissions.get(key) ?? 0) + 1;
    submissions.set(key, submission);
    return { provider, customId, body, submission };
  };

  /** Ends a batch once: writes its result files. */
  const finish = (batch: LoopbackBatch): FinishedBatch => {
    const done = finished.get(batch.id);
    if (done) return done;
    sequence += 1;
    if (batch.provider === "openai") {
      const output: string[] = [];
      const errors: string[] = [];
      let expired = false;
      for (const item of batch.items) {
        const script = scriptFor(item);
        expired ||= script.kind === "expired";
        const { line, isError } = openAIResultLine(item, script, (sequence += 1));
        (isError ? errors : output).push(JSON.stringify(line));
      }
      const outputFileId = `file-out-${batch.id}`;
      files.set(outputFileId, output.map((line) => `${line}\n`).join(""));
      let errorFileId: string | undefined;
      if (errors.length > 0) {
        errorFileId = `file-err-${batch.id}`;
        files.set(errorFileId, errors.map((line) => `${line}\n`).join(""));
      }
      const result = { status: expired ? "expired" : "completed", outputFileId, ...(errorFileId ? { errorFileId } : {}) };
      finished.set(batch.id, result);
      return result;
    }
    const results = batch.items.map((item) => `${JSON.stringify(anthropicResultLine(item, scriptFor(item), (sequence += 1)))}\n`).join("");
    const result = { status: "ended", results };
    finished.set(batch.id, result);
    return result;
  };

  const openAIBatch = (batch: LoopbackBatch, failure: readonly string[] | undefined) => {
    const total = batch.items.length;
    const base = { id: batch.id, object: "batch", endpoint: "/v1/chat/completions", input_file_id: `file-in-${batch.id}`, completion_window: "24h", created_at: 0 };
    if (failure) return { ...base, status: "failed", errors: { object: "list", data: failure.map((message, index) => ({ code: "invalid_request", message, line: index + 1 })) } };
    if (batch.polls === 0) return { ...base, status: "validating", request_counts: { total, completed: 0, failed: 0 } };
    if (batch.polls < pollsUntilEnded) return { ...base, status: "in_progress", request_counts: { total, completed: 0, failed: 0 } };
    const done = finish(batch);
    const failed = done.errorFileId ? (files.get(done.errorFileId) ?? "").split("\n").filter(Boolean).length : 0;
    return { ...base, status: done.status, output_file_id: done.outputFileId, error_file_id: done.errorFileId ?? null, request_counts: { total, completed: total - failed, failed } };
  };

  const anthropicBatch = (batch: LoopbackBatch) => {
    const base = { id: batch.id, type: "message_batch", created_at: new Date(0).toISOString(), expires_at: new Date(86_400_000).toISOString() };
    const total = batch.items.length;
    if (batch.polls < pollsUntilEnded) {
      return { ...base, processing_status: "in_progress", results_url: null, request_counts: { processing: total, succeeded: 0, errored: 0, canceled: 0, expired: 0 } };
    }
    const done = finish(batch);
    const types = (done.results ?? "").split("\n").filter(Boolean).map((line) => (JSON.parse(line) as { result: { type: string } }).result.type);
    const count = (type: string) => types.filter((each) => each === type).length;
    return {
      ...base,
      processing_status: "ended",
      ended_at: new Date(1000).toISOString(),
      results_url: `${url}/v1/messages/batches/${batch.id}/results`,
      request_counts: { processing: 0, succeeded: count("succeeded"), errored: count("errored"), canceled: count("canceled"), expired: count("expired") },
    };
  };

  const openAIFailures = new Map<string, readonly string[]>();

  const handleOpenAI = async (request: IncomingMessage, response: ServerResponse, path: string, text: string): Promise<void> => {
    if (request.headers.authorization !== `Bearer ${apiKey}`) return sendJson(response, 401, { error: { message: "Incorrect API key provided", type: "invalid_request_error" } });
    if (request.method === "POST" && path === "/v1/files") {
      const form = await new Response(text, { headers: { "content-type": String(request.headers["content-type"]) } }).formData();
      const file = form.get("file");
      if (form.get("purpose") !== "batch" || !(file instanceof Blob)) return sendJson(response, 400, testError("expected multipart purpose=batch and a file"));
      const id = `file-in-${(sequence += 1)}`;
      files.set(id, await file.text());
      return sendJson(response, 200, { id, object: "file", bytes: file.size, created_at: 0, filename: file instanceof File ? file.name : "input.jsonl", purpose: "batch", status: "processed" });
    }
    const content = /^\/v1\/files\/([^/]+)\/content$/.exec(path);
    if (request.method === "GET" && content) {
      const file = files.get(decodeURIComponent(content[1] as string));
      if (file === undefined) return sendJson(response, 404, testError("no such file"));
      response.setHeader("content-type", "application/octet-stream");
      response.end(file);
      return;
    }
    if (request.method === "POST" && path === "/v1/batches") {
      const body = parseJsonBody(text) as { input_file_id?: string; endpoint?: string; completion_window?: string } | undefined;
      const input = body?.input_file_id === undefined ? undefined : files.get(body.input_file_id);
      if (input === undefined || body?.endpoint !== "/v1/chat/completions" || body.completion_window !== "24h") return sendJson(response, 400, testError("expected input_file_id, endpoint /v1/chat/completions, completion_window 24h"));
      const items: BatchItemRequestSeen[] = [];
      for (const line of input.split("\n").filter((each) => each.trim() !== "")) {
        const item = JSON.parse(line) as { custom_id: string; method: string; url: string; body: Record<string, unknown> };
        if (item.method !== "POST" || item.url !== "/v1/chat/completions" || typeof item.custom_id !== "string") return sendJson(response, 400, testError(`bad input line ${line.slice(0, 200)}`));
        items.push(seen("openai", item.custom_id, item.body));
      }
      const batch: LoopbackBatch = { id: `batch_${batches.length + 1}`, provider: "openai", items, polls: 0 };
      batches.push(batch);
      const failure = options.failBatches?.[batches.length];
      if (failure) openAIFailures.set(batch.id, failure);
      return sendJson(response, 200, openAIBatch(batch, failure));
    }
    const retrieve = /^\/v1\/batches\/([^/]+)$/.exec(path);
    const batch = retrieve ? batches.find((each) => each.id === retrieve[1] && each.provider === "openai") : undefined;
    if (request.method === "GET" && batch) {
      batch.polls += 1;
      return sendJson(response, 200, openAIBatch(batch, openAIFailures.get(batch.id)));
    }
    return sendJson(response, 404, testError(`no route for ${request.method} ${path}`));
  };

  const handleAnthropic = async (request: IncomingMessage, response: ServerResponse, path: string, text: string): Promise<void> => {
    if (request.headers["x-api-key"] !== apiKey) return sendJson(response, 401, { type: "error", error: { type: "authentication_error", message: "invalid x-api-key" } });
    if (request.headers["anthropic-version"] === undefined) return sendJson(response, 400, { type: "error", error: { type: "invalid_request_error", message: "anthropic-version header is required" } });
    if (request.method === "POST" && path === "/v1/messages/batches") {
      const body = parseJsonBody(text) as { requests?: Array<{ custom_id?: string; params?: Record<string, unknown> }> } | undefined;
      if (!Array.isArray(body?.requests) || body.requests.some((item) => typeof item.custom_id !== "string" || typeof item.params?.max_tokens !== "number")) {
        return sendJson(response, 400, { type: "error", error: { type: "invalid_request_error", message: "requests: each needs custom_id and params with max_tokens" } });
      }
      const items = body.requests.map((item) => seen("anthropic", item.custom_id as string, item.params as Record<string, unknown>));
      const batch: LoopbackBatch = { id: `msgbatch_${batches.length + 1}`, provider: "anthropic", items, polls: 0 };
      batches.push(batch);
      return sendJson(response, 200, anthropicBatch(batch));
    }
    const match = /^\/v1\/messages\/batches\/([^/]+)(\/results)?$/.exec(path);
    const batch = match ? batches.find((each) => each.id === match[1] && each.provider === "anthropic") : undefined;
    if (request.method === "GET" && batch && match?.[2] === undefined) {
      batch.polls += 1;
      return sendJson(response, 200, anthropicBatch(batch));
    }
    if (request.method === "GET" && batch) {
      const done = finished.get(batch.id);
      if (done?.results === undefined) return sendJson(response, 400, { type: "error", error: { type: "invalid_request_error", message: "batch has not ended" } });
      response.setHeader("content-type", "application/binary");
      response.end(done.results);
      return;
    }
    return sendJson(response, 404, { type: "error", error: { type: "not_found_error", message: `no route for ${request.method} ${path}` } });
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    response.on("error", () => undefined);
    const path = new URL(request.url ?? "/", "http://127.0.0.1").pathname;
    requests.push({ method: request.method ?? "GET", path, headers: { ...request.headers } });
    const body = await readBody(request, MAX_BODY_BYTES);
    if (!body.ok) {
      response.setHeader("connection", "close");
      return sendJson(response, 413, testError(`request body larger than ${MAX_BODY_BYTES} bytes`));
    }
    if (path.startsWith("/v1/messages/")) return handleAnthropic(request, response, path, body.text);
    return handleOpenAI(request, response, path, body.text);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 500, testError(error instanceof Error ? error.message : String(error)));
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let closed: Promise<void> | undefined;
  return {
    url,
    baseURL: `${url}/v1`,
    batches,
    requests,
    close() {
      closed ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

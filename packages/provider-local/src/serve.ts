import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { InvalidArgumentError } from "@cortex-ml/core";
import { handleChatCompletions } from "./server/chat-completions-route.js";
import { errorAnswer, errorAnswerFor } from "./server/error-body.js";
import { BodyError, readJsonBody } from "./server/read-json-body.js";
import { sendError, sendJson } from "./server/send.js";
import { createLocalTransport, type LocalTransport, type LocalTransportOptions } from "./transport/local-transport.js";

/** Options of {@link startLocalServer}. */
export interface LocalServerOptions extends LocalTransportOptions {
  /** Port; default 0 (any free port, see `port` on the result). */
  readonly port?: number;
  /** Loopback address to listen on: "127.0.0.1" (default), "::1" or "localhost". */
  readonly host?: string;
  /** Largest request body, in bytes. Default 1 MiB. */
  readonly maxBodyBytes?: number;
  /** Requests that may wait behind the running generation; more get HTTP 429. Default 16. */
  readonly maxQueuedRequests?: number;
  /** Deadline of one generation (queue wait included), in milliseconds. Default 600,000. */
  readonly requestTimeoutMs?: number;
}

/** A running local server. */
export interface LocalServer extends AsyncDisposable {
  /** The OpenAI-compatible root, e.g. `http://127.0.0.1:41234/v1`: pass it as `baseURL`. */
  readonly baseURL: string;
  readonly host: string;
  readonly port: number;
  /** The model id `GET /v1/models` lists (the file name); any `model` in a request is answered by this model. */
  readonly modelId: string;
  readonly transport: LocalTransport;
  /** Stops listening, ends open connections and unloads the model. */
  readonly close: () => Promise<void>;
}

const loopbackHosts = new Set(["127.0.0.1", "::1", "localhost"]);

function positiveInteger(name: string, value: number | undefined, fallback: number, minimum = 1): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < minimum) throw new InvalidArgumentError({ argument: name, problem: `expected an integer of at least ${minimum}, got ${JSON.stringify(value)}.` });
  return value;
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

/**
 * Serves a GGUF model over a loopback OpenAI-compatible HTTP API:
 * `GET /v1/models`, and `POST /v1/chat/completions` with `response_format`
 * json_object / json_schema (enforced by grammar), tools, and `stream: true`
 * (server-sent events, `stream_options.include_usage`). One generation runs at
 * a time; up to `maxQueuedRequests` wait, more get 429. Bodies are limited to
 * `maxBodyBytes` (413). Errors are OpenAI error bodies.
 *
 * @example
 * const server = await startLocalServer({ modelPath: "./models/model.gguf" });
 * const client = createInstructor({ baseURL: server.baseURL, mode: Mode.JSON_SCHEMA });
 * // ... structuredChat(client, { model: server.modelId, ... })
 * await server.close();
 */
export async function startLocalServer(options: LocalServerOptions): Promise<LocalServer> {
  const host = options.host ?? "127.0.0.1";
  if (!loopbackHosts.has(host)) {
    throw new InvalidArgumentError({ argument: "host", problem: `"${host}" is not a loopback address; the local server listens on 127.0.0.1, ::1 or localhost only.` });
  }
  const port = positiveInteger("port", options.port, 0, 0);
  const maxBodyBytes = positiveInteger("maxBodyBytes", options.maxBodyBytes, 1024 * 1024);
  const maxQueued = positiveInteger("maxQueuedRequests", options.maxQueuedRequests, 16, 0);
  const timeoutMs = positiveInteger("requestTimeoutMs", options.requestTimeoutMs, 600_000);
  const { port: _port, host: _host, maxBodyBytes: _limit, maxQueuedRequests: _queued, requestTimeoutMs: _timeout, ...transportOptions } = options;
  const transport = createLocalTransport(transportOptions);
  const modelId = transport.engine.modelName;
  let inFlight = 0;

  const route = async (request: IncomingMessage, response: ServerResponse) => {
    const path = (request.url ?? "/").split("?")[0]?.replace(/\/+$/, "") ?? "";
    if (path === "/v1/models" && request.method === "GET") {
      sendJson(response, 200, { object: "list", data: [{ id: modelId, object: "model", created: 0, owned_by: "local" }] });
      return;
    }
    if (path === "/v1/chat/completions") {
      if (request.method !== "POST") {
        sendError(response, errorAnswer(405, `use POST for ${path}`, "invalid_request_error"), { allow: "POST" });
        return;
      }
      if (inFlight > maxQueued) {
        sendError(response, errorAnswer(429, `busy: ${inFlight} requests are running or waiting (limit ${maxQueued + 1})`, "rate_limit_error", "server_busy"), { "retry-after": "1" });
        return;
      }
      inFlight += 1;
      try {
        const body = await readJsonBody(request, maxBodyBytes);
        await handleChatCompletions(response, body, { transport, timeoutMs });
      } finally {
        inFlight -= 1;
      }
      return;
    }
    sendError(response, errorAnswer(404, `no route ${request.method} ${path}; this server has GET /v1/models and POST /v1/chat/completions`, "invalid_request_error", "not_found"));
  };

  const server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      const answer = error instanceof BodyError ? errorAnswer(error.status, error.message, "invalid_request_error") : errorAnswerFor(error);
      sendError(response, answer, error instanceof BodyError && error.status === 413 ? { connection: "close" } : {});
    });
  });
  server.requestTimeout = timeoutMs + 10_000;
  const address = await listen(server, port, host);
  const urlHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }).then(() => transport.dispose());
    return closing;
  };
  return {
    baseURL: `http://${urlHost}:${address.port}/v1`,
    host: address.address,
    port: address.port,
    modelId,
    transport,
    close,
    [Symbol.asyncDispose]: close,
  };
}

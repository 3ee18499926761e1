import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { DEFAULT_MODEL } from "./completion-body.js";
import { MAX_BODY_BYTES, parseJsonBody, readBody } from "./read-body.js";
import { isModeProbe, type ProbeAnswer, probeReply } from "./mode-probe.js";
import type { ScriptedReply } from "./scripted-reply.js";
import { sendJson, testError } from "./send-json.js";
import { sendReply } from "./send-reply.js";

/** One chat-completions request as the server received it. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** The body parsed as JSON, `undefined` when empty or not JSON. */
  body: unknown;
  rawBody: string;
}

/** A running scripted server. */
export interface TestServer {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** `url + "/v1"`, to hand to an OpenAI client. */
  readonly baseURL: string;
  readonly port: number;
  /** The chat-completions requests received so far, in order (empty when `recordRequests` is false). */
  readonly requests: RecordedRequest[];
  /** The mode-"auto" probes answered apart from the script (only with the `probes` option). */
  readonly probes: RecordedRequest[];
  /** Queue replies for the next chat-completions requests, answered first in, first out. */
  enqueue(...replies: ScriptedReply[]): void;
  /** Destroy every open connection (stalled streams included) and resolve once the server is closed. */
  close(): Promise<void>;
}

/** How to start a test server. */
export interface TestServerOptions {
  /** Replies queued from the start. */
  replies?: ScriptedReply[];
  /** What to answer once the queue is empty: a reply, or a function of the request. */
  fallback?: ScriptedReply | ((request: RecordedRequest) => ScriptedReply);
  /** The model ids `GET /v1/models` lists; default `["test-model"]`. */
  models?: string[];
  /** Keep the requests in `requests`; default true (benchmarks set false). */
  recordRequests?: boolean;
  /**
   * Answer cortex-ml's mode-"auto" probes apart from the script, as a server
   * that applies (`"honour"`) or ignores (`"ignore"`) `json_schema`: they take
   * no queued reply and go in `probes`, not `requests`. Default: a probe is an
   * ordinary request.
   */
  probes?: ProbeAnswer;
}

/** The `GET /v1/models` body listing `models`. */
export function modelList(models: readonly string[], created: number = 0): Record<string, unknown> {
  return {
    object: "list",
    data: models.map((id) => ({ id, object: "model", created, owned_by: "test" })),
  };
}

/**
 * Start a scripted OpenAI chat-completions server on 127.0.0.1 (a free port). `POST /v1/chat/completions`
 * answers the next queued reply, else the fallback, else a 500; `GET /v1/models` lists the models; anything
 * else is a JSON 404. Request bodies above 16 MiB are answered 413.
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const queue: ScriptedReply[] = [...(options.replies ?? [])];
  const requests: RecordedRequest[] = [];
  const probes: RecordedRequest[] = [];
  const models = [...(options.models ?? [DEFAULT_MODEL])];
  const recordRequests = options.recordRequests ?? true;
  const createdAt = Math.floor(Date.now() / 1000);
  const closing = new AbortController();
  let sequence = 0;

  const nextReply = (request: RecordedRequest): ScriptedReply | undefined => {
    const queued = queue.shift();
    if (queued !== undefined) return queued;
    const { fallback } = options;
    return typeof fallback === "function" ? fallback(request) : fallback;
  };

  const handleChat = async (
    request: IncomingMessage,
    response: ServerResponse,
    signal: AbortSignal,
  ): Promise<void> => {
    const body = await readBody(request, MAX_BODY_BYTES);
    if (!body.ok) {
      response.setHeader("connection", "close");
      sendJson(response, 413, testError(`request body larger than ${MAX_BODY_BYTES} bytes`));
      return;
    }
    sequence += 1;
    const recorded: RecordedRequest = {
      method: request.method ?? "POST",
      path: request.url ?? "/",
      headers: { ...request.headers },
      body: parseJsonBody(body.text),
      rawBody: body.text,
    };
    const probeAnswer = options.probes !== undefined && isModeProbe(recorded.body) ? options.probes : undefined;
    if (recordRequests) (probeAnswer === undefined ? requests : probes).push(recorded);
    const reply = probeAnswer === undefined ? nextReply(recorded) : probeReply(probeAnswer);
    if (reply === undefined) {
      sendJson(response, 500, testError("no scripted reply left"));
      return;
    }
    await sendReply(request, response, reply, { sequence, requestBody: recorded.body }, signal);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    response.on("error", () => undefined);
    const finished = new AbortController();
    response.once("close", () => finished.abort());
    const signal = AbortSignal.any([closing.signal, finished.signal]);
    try {
      const pathname = new URL(request.url ?? "/", "http://127.0.0.1").pathname;
      if (request.method === "POST" && pathname === "/v1/chat/completions") {
        await handleChat(request, response, signal);
      } else if (request.method === "GET" && pathname === "/v1/models") {
        sendJson(response, 200, modelList(models, createdAt));
      } else {
        sendJson(response, 404, testError(`no route for ${request.method ?? "?"} ${pathname}`));
      }
    } catch (error) {
      if (!response.headersSent && !response.destroyed) {
        sendJson(response, 500, testError(error instanceof Error ? error.message : String(error)));
      } else {
        response.destroy();
      }
    }
  };

  const server = createServer((request, response) => {
    void handle(request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  let closed: Promise<void> | undefined;

  return {
    url,
    baseURL: `${url}/v1`,
    port,
    requests,
    probes,
    enqueue(...replies: ScriptedReply[]): void {
      queue.push(...replies);
    },
    close(): Promise<void> {
      closed ??= new Promise<void>((resolve, reject) => {
        closing.abort();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

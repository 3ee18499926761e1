// The loopback SSE server of the end-to-end streaming bench, run as its own process
// (`tsx bench/streaming-e2e/stream-server.ts`) so its CPU time is not counted by the client.
// POST /v1/chat/completions with `stream: true` and model `bench-doc-<characters>` streams
// that generated document in 4-character deltas: as content, or, when the request has tools,
// one tool call per record (PARALLEL_TOOLS). Each socket write carries 16 events
// (`--events-per-write N`), 64 characters of the document, as a fast server under load
// flushes: with one event per write this server, not the client, is the bottleneck at 1 MB.
// GET /v1/ready?model=... builds and caches a document's answers ahead of the measured calls
// (the 1 MB one takes seconds). Prints one line `{"port":N,"baseURL":"..."}` once it listens,
// and exits on SIGTERM, SIGINT or when its stdin closes.
//
// Bounded: 127.0.0.1 only, request bodies up to 1 MiB, documents up to 4 M characters, at most
// 4 streams at once (503 beyond) and 16 sockets, a stream ends after 10 minutes, and at most
// 4 encoded answers are cached (the 1 MB document is about 50 MB of events).
import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { stopWhenParentGone } from "@cortex-ml/test-server";
import { positiveInteger } from "../bench-args.js";
import { documentTarget, generateBenchDocument } from "./stream-document.js";
import { DONE_EVENT, groupEvents, sseEvents, USAGE_EVENT, type WireOptions } from "./sse-wire.js";

const MAX_BODY_BYTES = 1024 * 1024;
const MAX_DOCUMENT_CHARACTERS = 4_000_000;
const MAX_STREAMS = 4;
const MAX_CACHED = 4;
const STREAM_DEADLINE_MS = 10 * 60_000;
const DELTA_SIZE = 4;
/** `--events-per-write N` (default 16): how many events one socket write carries. */
const eventsPerWrite = positiveInteger(
  "events-per-write",
  parseArgs({ args: process.argv.slice(2), strict: true, options: { "events-per-write": { type: "string" } } }).values["events-per-write"],
  16,
  1,
);

const cache = new Map<string, string[]>();
let streams = 0;

function events(target: number, options: WireOptions): string[] {
  const key = `${target}:${options.toolName ?? ""}`;
  let cached = cache.get(key);
  if (cached === undefined) {
    cached = groupEvents(sseEvents(generateBenchDocument(target), options), eventsPerWrite);
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
    cache.set(key, cached);
  }
  return cached;
}

function fail(response: ServerResponse, status: number, message: string): void {
  response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ error: { message, type: "bench_error" } }));
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of request as AsyncIterable<Buffer>) {
    size += part.length;
    if (size > MAX_BODY_BYTES) throw new RangeError("request body over 1 MiB");
    parts.push(part);
  }
  return JSON.parse(Buffer.concat(parts).toString("utf8")) as unknown;
}

/** Writes `text`; resolves false once the response closed (waits for `drain` when the socket is full). */
async function write(response: ServerResponse, text: string, deadline: number): Promise<boolean> {
  if (response.destroyed || Date.now() > deadline) {
    response.destroy();
    return false;
  }
  if (response.write(text)) return true;
  return Promise.race([once(response, "drain").then(() => true), once(response, "close").then(() => false)]);
}

/** Writes the answer one group of events at a time, then the usage chunk when asked for, and `[DONE]`. */
async function stream(response: ServerResponse, wire: readonly string[], usage: boolean): Promise<void> {
  const deadline = Date.now() + STREAM_DEADLINE_MS;
  response.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" });
  for (const text of wire) if (!(await write(response, text, deadline))) return;
  if (await write(response, usage ? USAGE_EVENT + DONE_EVENT : DONE_EVENT, deadline)) response.end();
}

const SIZE_PROBLEM = `model must be bench-doc-<1..${MAX_DOCUMENT_CHARACTERS}>`;

/** The document size a model name asks for, within the bound. */
function boundedTarget(model: unknown): number | undefined {
  const target = documentTarget(model);
  return target !== undefined && target <= MAX_DOCUMENT_CHARACTERS ? target : undefined;
}

function toolNameOf(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  response.on("error", () => undefined);
  const url = new URL(request.url ?? "/", "http://127.0.0.1");
  if (request.method === "GET" && url.pathname === "/v1/ready") {
    // Builds (and caches) the answers of a document before it is measured.
    const target = boundedTarget(url.searchParams.get("model"));
    if (target === undefined) return fail(response, 400, SIZE_PROBLEM);
    events(target, { deltaSize: DELTA_SIZE, toolName: toolNameOf(url.searchParams.get("tool")) });
    return void response.writeHead(204).end();
  }
  if (request.method !== "POST" || url.pathname !== "/v1/chat/completions") {
    return fail(response, 404, `no route for ${request.method ?? "?"} ${url.pathname}`);
  }
  let body: { model?: unknown; stream?: unknown; tools?: Array<{ function?: { name?: unknown } }>; stream_options?: { include_usage?: unknown } };
  try {
    body = (await readJson(request)) as typeof body;
  } catch (error) {
    return fail(response, 400, error instanceof Error ? error.message : String(error));
  }
  const target = boundedTarget(body.model);
  if (target === undefined) return fail(response, 400, SIZE_PROBLEM);
  if (body.stream !== true) return fail(response, 400, "this server only streams (stream: true)");
  if (streams >= MAX_STREAMS) return fail(response, 503, `more than ${MAX_STREAMS} streams at once`);
  streams += 1;
  try {
    const wire = events(target, { deltaSize: DELTA_SIZE, toolName: toolNameOf(body.tools?.[0]?.function?.name) });
    await stream(response, wire, body.stream_options?.include_usage === true);
  } finally {
    streams -= 1;
  }
}

const server = createServer((request, response) => {
  handle(request, response).catch((error: unknown) => {
    if (!response.headersSent) fail(response, 500, error instanceof Error ? error.message : String(error));
    else response.destroy();
  });
});
server.maxConnections = 16;
// Idle sockets stay open through the run: a client busy for seconds in one long call would not see
// the server close its other pooled sockets (Node's default is after 5 s) and would send on a dead one.
server.keepAliveTimeout = STREAM_DEADLINE_MS;
server.listen(0, "127.0.0.1");
await once(server, "listening");

let stopping = false;
function stop(): void {
  if (stopping) return;
  stopping = true;
  server.closeAllConnections();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2_000).unref();
}
stopWhenParentGone(stop);
const { port } = server.address() as AddressInfo;
process.stdout.write(`${JSON.stringify({ port, baseURL: `http://127.0.0.1:${port}/v1` })}\n`);

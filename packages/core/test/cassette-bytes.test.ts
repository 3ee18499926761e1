import {
  completion,
  contentDeltaChunks,
  type ScriptedReply,
  startTestServer,
  statusReply,
  streamReply,
  toolCallDeltaChunks,
  wholeToolCallChunks,
} from "@cortex-ml/test-server";
import { afterAll, describe, expect, it } from "vitest";
import { ejectCassette } from "../src/cassette/cassette-registry.js";
import { readCassette } from "../src/cassette/read-cassette.js";
import { cassetteFetch } from "../src/testing.js";
import type { CassetteMode } from "../src/index.js";
import { cassetteFolder } from "./cassette-fixtures.js";

const folder = cassetteFolder();
afterAll(() => folder.remove());

interface Exchanged {
  readonly status: number;
  readonly contentType: string | null;
  readonly bytes: Buffer;
  /** The size of each read, to see that a stream is passed on read by read. */
  readonly reads: number;
}

async function send(fetchImpl: typeof fetch, url: string, body: unknown, init: RequestInit = {}): Promise<Exchanged> {
  const response = await fetchImpl(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), ...init });
  const parts: Uint8Array[] = [];
  const reader = response.body?.getReader();
  for (let read = await reader?.read(); read && !read.done; read = await reader?.read()) parts.push(read.value);
  return { status: response.status, contentType: response.headers.get("content-type"), bytes: Buffer.concat(parts), reads: parts.length };
}

const through = (path: string, mode: CassetteMode, inner: typeof fetch = fetch): typeof fetch => {
  ejectCassette(path);
  return cassetteFetch(inner, { path, mode });
};

/** The bytes the server sends for `reply` as the client read them while they were recorded, then replayed offline. */
async function recordThenReplay(reply: ScriptedReply, body: unknown) {
  const server = await startTestServer({ replies: [reply] });
  const url = `${server.baseURL}/chat/completions`;
  const path = folder.file();
  try {
    const recorded = await send(through(path, "record"), url, body);
    await server.close();
    const replayed = await send(through(path, "replay"), url, body);
    return { recorded, replayed, path };
  } finally {
    await server.close();
  }
}

describe("cassetteFetch gives back the bytes the server sent", () => {
  const request = { model: "m", messages: [{ role: "user", content: "hi" }] };
  const streaming = { ...request, stream: true };

  it.each([
    ["a JSON completion", completion('{"name":"Ann"}'), request],
    ["an error status", statusReply(429, { error: { message: "slow down" } }, { "retry-after": "3" }), request],
    ["an SSE stream of content deltas", streamReply(contentDeltaChunks('{"name":"Ann","bio":"ünïcödé ✓ 🎉"}', 3)), streaming],
    ["an SSE stream of tool-call argument deltas", streamReply(toolCallDeltaChunks({ name: "Response", arguments: '{"name":"Ann"}' }, 2)), streaming],
    ["an SSE stream of whole tool calls", streamReply(wholeToolCallChunks([{ name: "A", arguments: "{}" }, { name: "B", arguments: '{"x":1}' }])), streaming],
    ["a body that is JSON but not compact", { kind: "raw", headers: { "content-type": "application/json" }, body: '{ "a" : 1.0,\n "b": [] }\n' } as const, request],
    ["a plain-text body", { kind: "raw", body: "upstream proxy error" } as const, request],
  ])("%s: recorded as it passes, replayed byte for byte", async (_, reply, body) => {
    const { recorded, replayed } = await recordThenReplay(reply, body);
    expect(recorded.bytes.length).toBeGreaterThan(0);
    expect(replayed.status).toBe(recorded.status);
    expect(replayed.contentType).toBe(recorded.contentType);
    expect(replayed.bytes.toString("utf8")).toBe(recorded.bytes.toString("utf8"));
    expect(replayed.bytes.equals(recorded.bytes)).toBe(true);
  });

  it("replays a stream one event per read, like a live stream", async () => {
    const { replayed, path } = await recordThenReplay(streamReply(contentDeltaChunks("abcdefgh", 2)), streaming);
    const events = readCassette(path)[0]?.response.events ?? [];
    expect(events.length).toBe(7); // role, four deltas, finish, [DONE]
    expect(replayed.reads).toBe(events.length);
  });

  it("keeps only the headers a client reads", async () => {
    const { path } = await recordThenReplay(statusReply(503, { error: { message: "busy" } }, { "retry-after-ms": "20", "x-should-retry": "true", "x-secret-trace": "t" }), request);
    expect(readCassette(path)[0]?.response.headers).toEqual({ "content-type": expect.stringContaining("json"), "retry-after-ms": "20", "x-should-retry": "true" });
  });
});

describe("bodies a server could send that are not plain JSON or text (passed on untouched while recorded)", () => {
  const stub = (body: Uint8Array | string, contentType: string, status = 200): typeof fetch => async () => new Response(body, { status, headers: { "content-type": contentType } });
  const url = "http://127.0.0.1:9/v1/chat/completions";

  it.each([
    ["bytes that are not UTF-8", new Uint8Array([0xff, 0xfe, 0x00, 0x41]), "application/octet-stream", "base64"],
    ["a UTF-8 body with a byte order mark", new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]), "application/json", "text"],
    ["an SSE stream with CRLF line ends", "data: {\"a\":1}\r\n\r\ndata: [DONE]\r\n\r\n", "text/event-stream", "tail"],
    ["an SSE stream whose last event has no blank line after it", 'data: {"a":1}\n\ndata: {"b":2}\n', "text/event-stream", "tail"],
    ["an SSE event with a non-compact JSON payload", 'data: {"a": 1}\n\nevent: ping\ndata: x\n\n', "text/event-stream", "events"],
  ] as const)("%s replays byte for byte", async (_, body, contentType, form) => {
    const path = folder.file();
    const live = await send(through(path, "record", stub(body, contentType)), url, {});
    const replayed = await send(through(path, "replay"), url, {});
    const expected = Buffer.from(typeof body === "string" ? Buffer.from(body) : body);
    expect(live.bytes.equals(expected)).toBe(true);
    expect(replayed.bytes.equals(expected)).toBe(true);
    expect(readCassette(path)[0]?.response).toHaveProperty(form);
  });

  it("a 204 answer replays with no body", async () => {
    const path = folder.file();
    const noContent: typeof fetch = async () => new Response(null, { status: 204 });
    await send(through(path, "record", noContent), url, {});
    const replayed = await send(through(path, "replay"), url, {});
    expect(replayed).toMatchObject({ status: 204, reads: 0 });
  });
});

describe("request matching", () => {
  const url = "http://127.0.0.1:9/v1/chat/completions?api-version=1";
  const answer: typeof fetch = async () => new Response('{"ok":true}', { headers: { "content-type": "application/json" } });

  it("ignores the host and the order of JSON keys, keeps the query", async () => {
    const path = folder.file();
    await send(through(path, "record", answer), url, { model: "m", temperature: 0, messages: [{ role: "user", content: "x" }] });
    const replay = through(path, "replay");
    const reordered = await send(replay, "http://localhost:11434/v1/chat/completions?api-version=1", { messages: [{ content: "x", role: "user" }], temperature: 0, model: "m" });
    expect(reordered.bytes.toString()).toBe('{"ok":true}');
    const otherQuery = await send(replay, "http://localhost:11434/v1/chat/completions?api-version=2", { model: "m", temperature: 0, messages: [{ role: "user", content: "x" }] }).catch((error: unknown) => error);
    expect((otherQuery as Error).message).toContain("POST /v1/chat/completions?api-version=2");
  });

  it("reads the body of a Request object and of a stream body", async () => {
    const path = folder.file();
    await send(through(path, "record", answer), url, { model: "m" });
    const replay = through(path, "replay");
    const response = await replay(new Request(url, { method: "POST", body: '{"model":"m"}' }));
    expect(await response.text()).toBe('{"ok":true}');

    const streamPath = folder.file();
    const seen: string[] = [];
    const echo: typeof fetch = async (_input, init) => {
      seen.push(await new Response(init?.body).text());
      return new Response("{}", { headers: { "content-type": "application/json" } });
    };
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"model":"streamed"}'));
        controller.close();
      },
    });
    await through(streamPath, "record", echo)(url, { method: "POST", body, duplex: "half" } as RequestInit);
    expect(seen).toEqual(['{"model":"streamed"}']);
    expect(readCassette(streamPath)[0]?.request.body).toEqual({ model: "streamed" });
  });

  it("an aborted signal fails before anything is replayed", async () => {
    const path = folder.file();
    await send(through(path, "record", answer), url, {});
    const aborted = AbortSignal.abort();
    const error = await send(through(path, "replay"), url, {}, { signal: aborted }).catch((caught: unknown) => caught);
    expect((error as Error).name).toBe("AbortError");
  });
});

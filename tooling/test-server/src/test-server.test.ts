import { afterEach, describe, expect, it } from "vitest";
import { completion } from "./completion.js";
import { contentDeltaChunks } from "./content-delta-chunks.js";
import { ollamaModelNotFound } from "./ollama-model-not-found.js";
import { MAX_BODY_BYTES } from "./read-body.js";
import { resetReply } from "./reset-reply.js";
import { statusReply } from "./status-reply.js";
import { streamReply } from "./stream-reply.js";
import { startTestServer, type TestServer, type TestServerOptions } from "./test-server.js";
import { toolCallCompletion } from "./tool-call-completion.js";

interface CompletionJson {
  id: string;
  object: string;
  created: number;
  model: string;
  choices: Array<{
    index: number;
    message: {
      role: string;
      content: string | null;
      tool_calls?: Array<{ id: string; type: string; function: { name: string; arguments: string } }>;
    };
    finish_reason: string;
    logprobs: null;
  }>;
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
}

interface ChunkJson {
  choices: Array<{
    delta: { role?: string; content?: string; tool_calls?: Array<{ function: { name: string; arguments: string } }> };
    finish_reason: string | null;
  }>;
  usage?: unknown;
}

/** Split an SSE body into its `data:` payloads (JSON-parsed, except `[DONE]`) and report whether it ended with [DONE]. */
function parseSse(text: string): { events: unknown[]; done: boolean } {
  const payloads = text
    .split("\n\n")
    .filter((block) => block.trim() !== "")
    .flatMap((block) => block.split("\n").filter((line) => line.startsWith("data: ")).map((line) => line.slice(6)));
  const done = payloads.at(-1) === "[DONE]";
  const events = payloads.filter((payload) => payload !== "[DONE]").map((payload) => JSON.parse(payload) as unknown);
  return { events, done };
}

/** Resolve `promise`, or reject after `ms` so a hang fails the test instead of timing it out. */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`did not settle within ${ms} ms`)), ms)),
  ]);
}

const servers: TestServer[] = [];

async function start(options?: TestServerOptions): Promise<TestServer> {
  const server = await startTestServer(options);
  servers.push(server);
  return server;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** POST a chat-completions request with a JSON body. */
function chat(server: TestServer, body: unknown = { model: "req-model", messages: [] }, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.baseURL}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

async function chatContent(server: TestServer, body?: unknown): Promise<string | null | undefined> {
  const response = await chat(server, body);
  const json = (await response.json()) as CompletionJson;
  return json.choices[0]?.message.content;
}

describe("startTestServer", () => {
  it("listens on 127.0.0.1 with a consistent url, baseURL and port", async () => {
    const server = await start();
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.baseURL).toBe(`${server.url}/v1`);
  });

  it("answers a completion as a full chat.completion object", async () => {
    const server = await start({ replies: [completion('{"name":"Ada"}')] });
    const response = await chat(server);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    const json = (await response.json()) as CompletionJson;
    expect(json).toEqual({
      id: "chatcmpl-test-1",
      object: "chat.completion",
      created: expect.any(Number),
      model: "req-model",
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: '{"name":"Ada"}' },
          finish_reason: "stop",
          logprobs: null,
        },
      ],
      usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
    });
    expect(Math.abs(json.created - Date.now() / 1000)).toBeLessThan(5);
  });

  it("numbers completions and takes the model from the reply, then the request, then test-model", async () => {
    const server = await start({ replies: [completion("a", { model: "reply-model" }), completion("b"), completion("c")] });
    const first = (await (await chat(server, { model: "req" })).json()) as CompletionJson;
    const second = (await (await chat(server, { model: "req" })).json()) as CompletionJson;
    const third = (await (await chat(server, { messages: [] })).json()) as CompletionJson;
    expect([first.id, second.id, third.id]).toEqual(["chatcmpl-test-1", "chatcmpl-test-2", "chatcmpl-test-3"]);
    expect([first.model, second.model, third.model]).toEqual(["reply-model", "req", "test-model"]);
  });

  it("answers tool calls with finish_reason tool_calls and custom usage", async () => {
    const usage = { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 };
    const server = await start({
      replies: [toolCallCompletion([{ name: "extract", arguments: { name: "Ada" }, id: "call_1" }], { usage })],
    });
    const json = (await (await chat(server)).json()) as CompletionJson;
    expect(json.choices[0]?.finish_reason).toBe("tool_calls");
    expect(json.choices[0]?.message.content).toBeNull();
    expect(json.choices[0]?.message.tool_calls).toEqual([
      { id: "call_1", type: "function", function: { name: "extract", arguments: '{"name":"Ada"}' } },
    ]);
    expect(json.usage).toEqual(usage);
  });

  it("answers queued replies first in, first out, options first then enqueue order", async () => {
    const server = await start({ replies: [completion("one")] });
    server.enqueue(completion("two"), completion("three"));
    server.enqueue(completion("four"));
    const contents = [];
    for (let i = 0; i < 4; i += 1) contents.push(await chatContent(server));
    expect(contents).toEqual(["one", "two", "three", "four"]);
  });

  it("uses a fallback reply once the queue is empty", async () => {
    const server = await start({ replies: [completion("queued")], fallback: completion("fallback") });
    expect(await chatContent(server)).toBe("queued");
    expect(await chatContent(server)).toBe("fallback");
    expect(await chatContent(server)).toBe("fallback");
  });

  it("calls a fallback function with the recorded request", async () => {
    const server = await start({
      fallback: (request) => {
        const body = request.body as { messages: Array<{ content: string }> };
        return completion(`echo:${body.messages.at(-1)?.content ?? ""}`);
      },
    });
    expect(await chatContent(server, { messages: [{ role: "user", content: "hi" }] })).toBe("echo:hi");
    expect(await chatContent(server, { messages: [{ role: "user", content: "again" }] })).toBe("echo:again");
  });

  it("answers 500 test_error when no reply is left and there is no fallback", async () => {
    const server = await start({ replies: [completion("only")] });
    await chatContent(server);
    const response = await chat(server);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({
      error: { message: "test server: no scripted reply left", type: "test_error" },
    });
  });

  it("answers a status reply with its JSON body and headers such as retry-after", async () => {
    const body = { error: { message: "Rate limit reached", type: "rate_limit_error" } };
    const server = await start({ replies: [statusReply(429, body, { "retry-after": "2", "x-request-id": "r1" })] });
    const response = await chat(server);
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("2");
    expect(response.headers.get("x-request-id")).toBe("r1");
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(await response.json()).toEqual(body);
  });

  it("gives a status reply without a body a default error body", async () => {
    const server = await start({ replies: [statusReply(503)] });
    const response = await chat(server);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ error: { message: "test server: scripted status 503", type: "test_error" } });
  });

  it("answers Ollama's model-not-found 404", async () => {
    const server = await start({ replies: [ollamaModelNotFound("qwen3:0.6b")] });
    const response = await chat(server);
    expect(response.status).toBe(404);
    expect(await response.text()).toBe(
      '{"error":{"message":"model \\"qwen3:0.6b\\" not found, try pulling it first","type":"api_error","param":null,"code":null}}',
    );
  });

  it("answers a raw reply with its body, status and content type", async () => {
    const server = await start({
      replies: [
        { kind: "raw", status: 502, headers: { "Content-Type": "text/html" }, body: "<html>Bad Gateway</html>" },
        { kind: "raw", body: "plain" },
      ],
    });
    const html = await chat(server);
    expect(html.status).toBe(502);
    expect(html.headers.get("content-type")).toBe("text/html");
    expect(await html.text()).toBe("<html>Bad Gateway</html>");
    const plain = await chat(server);
    expect(plain.status).toBe(200);
    expect(plain.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await plain.text()).toBe("plain");
  });

  it("resets the connection for a reset reply, then goes on answering", async () => {
    const server = await start({ replies: [resetReply(), completion("after")] });
    await expect(chat(server)).rejects.toThrow(TypeError);
    expect(await chatContent(server)).toBe("after");
    expect(server.requests).toHaveLength(2);
  });

  it("waits delayMs before answering", async () => {
    const server = await start({ replies: [completion("late", { delayMs: 150 })] });
    const started = performance.now();
    expect(await chatContent(server)).toBe("late");
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("streams object chunks as data events, string chunks verbatim, then [DONE]", async () => {
    const server = await start({ replies: [streamReply([{ n: 1 }, ": keep-alive\n\n", { n: 2 }])] });
    const response = await chat(server);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const text = await response.text();
    expect(text).toBe('data: {"n":1}\n\n: keep-alive\n\ndata: {"n":2}\n\ndata: [DONE]\n\n');
    expect(parseSse(text)).toEqual({ events: [{ n: 1 }, { n: 2 }], done: true });
  });

  it("leaves out [DONE] when done is false", async () => {
    const server = await start({ replies: [streamReply([{ n: 1 }], { done: false })] });
    const text = await (await chat(server)).text();
    expect(text).toBe('data: {"n":1}\n\n');
    expect(parseSse(text).done).toBe(false);
  });

  it("streams contentDeltaChunks that reassemble to the text", async () => {
    const text = '{"name":"Ada Lovelace","born":1815}';
    const server = await start({ replies: [streamReply(contentDeltaChunks(text, 4), { chunkDelayMs: 5 })] });
    const { events, done } = parseSse(await (await chat(server)).text());
    const chunks = events as ChunkJson[];
    expect(done).toBe(true);
    expect(chunks[0]?.choices[0]?.delta.role).toBe("assistant");
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("")).toBe(text);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe("stop");
  });

  it("waits chunkDelayMs between chunks", async () => {
    const server = await start({ replies: [streamReply([{ a: 1 }, { a: 2 }, { a: 3 }], { chunkDelayMs: 60 })] });
    const started = performance.now();
    const { events } = parseSse(await (await chat(server)).text());
    expect(events).toHaveLength(3);
    // two gaps between the chunks and one before [DONE]
    expect(performance.now() - started).toBeGreaterThanOrEqual(170);
  });

  it("converts a completion to a stream when the request sets stream: true", async () => {
    const server = await start({ replies: [completion('{"ok":true}')] });
    const response = await chat(server, { model: "m", stream: true, messages: [] });
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const { events, done } = parseSse(await response.text());
    const chunks = events as Array<ChunkJson & { id: string; object: string; model: string }>;
    expect(done).toBe(true);
    expect(chunks).toHaveLength(3);
    expect(chunks.every((chunk) => chunk.object === "chat.completion.chunk" && chunk.id === "chatcmpl-test-1" && chunk.model === "m")).toBe(true);
    expect(chunks[1]?.choices[0]?.delta).toEqual({ content: '{"ok":true}' });
    expect(chunks[2]?.choices[0]?.finish_reason).toBe("stop");
    expect(chunks.some((chunk) => chunk.usage !== undefined)).toBe(false);
  });

  it("auto-streams tool calls whole in one chunk, plus a usage chunk with include_usage", async () => {
    const server = await start({ replies: [toolCallCompletion([{ name: "extract", arguments: '{"a":1}' }])] });
    const response = await chat(server, { stream: true, stream_options: { include_usage: true } });
    const { events } = parseSse(await response.text());
    const chunks = events as ChunkJson[];
    expect(chunks).toHaveLength(4);
    expect(chunks[1]?.choices[0]?.delta.tool_calls).toEqual([
      { index: 0, id: "call_test_1_0", type: "function", function: { name: "extract", arguments: '{"a":1}' } },
    ]);
    expect(chunks[2]?.choices[0]?.finish_reason).toBe("tool_calls");
    expect(chunks[3]).toMatchObject({ choices: [], usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 } });
  });

  it("cuts the connection after cutAfter chunks: the chunks arrive, then reading fails, no [DONE]", async () => {
    const server = await start({ replies: [streamReply([{ n: 1 }, { n: 2 }, { n: 3 }], { cutAfter: 2 })] });
    const response = await chat(server);
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let received = "";
    const failure = await (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return undefined;
          received += decoder.decode(value, { stream: true });
        }
      } catch (error) {
        return error;
      }
    })();
    expect(failure).toBeInstanceOf(TypeError);
    expect(received).toBe('data: {"n":1}\n\ndata: {"n":2}\n\n');
  });

  it("close() resolves while a stalled stream is open, and the client then sees an error", async () => {
    const server = await start({ replies: [streamReply([{ n: 1 }, { n: 2 }], { stallAfter: 1 })] });
    const response = await chat(server);
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('data: {"n":1}\n\n');
    const pending = reader.read();
    const outcome = await Promise.race([
      pending.then(() => "data", () => "error"),
      new Promise((resolve) => setTimeout(() => resolve("stalled"), 100)),
    ]);
    expect(outcome).toBe("stalled");
    await within(server.close(), 2_000);
    await expect(within(pending, 2_000)).rejects.toThrow(TypeError);
  });

  it("close() resolves while a delayed reply is pending, which then never answers", async () => {
    const server = await start({ replies: [completion("never", { delayMs: 60_000 })] });
    const request = chat(server);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await within(server.close(), 2_000);
    await expect(within(request, 2_000)).rejects.toThrow(TypeError);
  });

  it("close() is idempotent and the server then refuses connections", async () => {
    const server = await start({ fallback: completion("x") });
    expect(await chatContent(server)).toBe("x");
    await server.close();
    await server.close();
    await expect(chat(server)).rejects.toThrow(TypeError);
  });

  it("lists the default model on GET /v1/models", async () => {
    const server = await start();
    const response = await fetch(`${server.baseURL}/models`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      object: "list",
      data: [{ id: "test-model", object: "model", created: expect.any(Number), owned_by: "test" }],
    });
  });

  it("lists the configured models on GET /v1/models", async () => {
    const server = await start({ models: ["llama3.2:1b", "qwen3:0.6b"] });
    const json = (await (await fetch(`${server.baseURL}/models`)).json()) as { data: Array<{ id: string }> };
    expect(json.data.map((model) => model.id)).toEqual(["llama3.2:1b", "qwen3:0.6b"]);
  });

  it("answers a JSON 404 for other routes and methods", async () => {
    const server = await start({ fallback: completion("x") });
    for (const [method, path] of [["GET", "/v1/chat/completions"], ["POST", "/v1/completions"], ["GET", "/"]] as const) {
      const response = await fetch(`${server.url}${path}`, { method });
      expect(response.status).toBe(404);
      expect(response.headers.get("content-type")).toBe("application/json");
      const json = (await response.json()) as { error: { type: string; message: string } };
      expect(json.error.type).toBe("test_error");
      expect(json.error.message).toContain(path);
    }
    expect(server.requests).toHaveLength(0);
  });

  it("records chat-completions requests in order with parsed body, raw body and headers", async () => {
    const server = await start({ fallback: completion("x") });
    const body = { model: "m", messages: [{ role: "user", content: "héllo" }] };
    await chat(server, body, { authorization: "Bearer sk-test", "x-custom": "1" });
    await fetch(`${server.baseURL}/chat/completions?api-version=2`, { method: "POST", body: "not json" });
    await fetch(`${server.baseURL}/models`);
    expect(server.requests).toHaveLength(2);
    const [first, second] = server.requests;
    expect(first).toMatchObject({ method: "POST", path: "/v1/chat/completions", body, rawBody: JSON.stringify(body) });
    expect(first?.headers.authorization).toBe("Bearer sk-test");
    expect(first?.headers["x-custom"]).toBe("1");
    expect(first?.headers["content-type"]).toBe("application/json");
    expect(second).toMatchObject({ path: "/v1/chat/completions?api-version=2", body: undefined, rawBody: "not json" });
  });

  it("records nothing when recordRequests is false, but still answers", async () => {
    const server = await start({ fallback: completion("x"), recordRequests: false });
    expect(await chatContent(server)).toBe("x");
    expect(server.requests).toEqual([]);
  });

  it("answers 413 past 16 MiB without consuming a reply, then goes on answering", async () => {
    const server = await start({ replies: [completion("kept")] });
    const response = await fetch(`${server.baseURL}/chat/completions`, {
      method: "POST",
      body: new Uint8Array(MAX_BODY_BYTES + 1),
    });
    expect(response.status).toBe(413);
    const json = (await response.json()) as { error: { type: string } };
    expect(json.error.type).toBe("test_error");
    expect(await chatContent(server)).toBe("kept");
    expect(server.requests).toHaveLength(1);
  });
});

import { completion, contentDeltaChunks, statusReply, streamReply, useTestServer } from "@cortex-ml/test-server";
import * as v from "valibot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createInstructor, createPartial, fromProvider, listModels, structuredChat } from "../src/index.js";

const apiKey = "sk-live-9f8e7d6c5b4a3210SECRET";
const Person = v.object({ name: v.string(), age: v.number() });
const messages = [{ role: "user" as const, content: "John is 25" }];
const server = useTestServer({ beforeEach, afterEach });

/** Everything a failure exposes: message, string form, stack, JSON, and what hooks and the logger saw. */
async function exposed(run: (client: ReturnType<typeof createInstructor>) => Promise<unknown>, baseURL = server.baseURL): Promise<string> {
  const seen: unknown[] = [];
  const record = (event: unknown) => seen.push(event);
  const client = createInstructor({
    baseURL,
    apiKey,
    timeout: 300,
    totalTimeout: 5_000,
    maxRetries: 1,
    maxResponseBytes: 64 * 1024,
    transportRetry: { maxRetries: 1, initialDelayMs: 1, maxDelayMs: 2 },
    logger: { warn: (message, details) => seen.push(message, details), error: (message) => seen.push(message) },
    hooks: { "completion:error": record, "parse:error": record, "completion:last_attempt": record },
  });
  const error = await run(client).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(Error);
  const failure = error as Error;
  // Hook events hold the request body, which never has the key; the headers are not exposed.
  return [failure.message, String(failure), failure.stack, JSON.stringify(failure), JSON.stringify(seen, (_key, value) => (value instanceof Error ? { message: value.message, stack: value.stack } : value))].join("\n");
}

const cases: Array<[string, () => void, (client: ReturnType<typeof createInstructor>) => Promise<unknown>]> = [
  ["401 echoing the key", () => server.enqueue(statusReply(401, { error: { message: `Incorrect API key provided: ${apiKey}` } })), (client) => structuredChat(client, { model: "m", responseModel: Person, messages })],
  ["500 echoing an Authorization header", () => { for (let i = 0; i < 2; i += 1) server.enqueue(statusReply(500, { error: { message: `upstream rejected Authorization: Bearer ${apiKey}` } })); }, (client) => structuredChat(client, { model: "m", responseModel: Person, messages })],
  ["404 model not found echoing the key", () => server.enqueue(statusReply(404, { error: { message: `model "m" not found, try pulling it first (key ${apiKey})` } })), (client) => structuredChat(client, { model: "m", responseModel: Person, messages })],
  ["retries exhausted", () => server.enqueue(completion("not json"), completion('{"name":1}')), (client) => structuredChat(client, { model: "m", responseModel: Person, messages })],
  ["length limit", () => server.enqueue(completion('{"name":"J', { finishReason: "length" })), (client) => structuredChat(client, { model: "m", responseModel: Person, messages })],
  ["attempt timeout", () => server.enqueue(completion("{}", { delayMs: 2_000 }), completion("{}", { delayMs: 2_000 })), (client) => structuredChat(client, { model: "m", responseModel: Person, messages })],
  ["response too large", () => server.enqueue({ kind: "raw", body: `{"x":"${"a".repeat(100_000)}"}`, headers: { "content-type": "application/json" } }), (client) => structuredChat(client, { model: "m", responseModel: Person, messages })],
  ["non-completion body echoing the key", () => server.enqueue({ kind: "raw", body: `proxy says: bad key ${apiKey}`, headers: { "content-type": "text/plain" } }), (client) => structuredChat(client, { model: "m", responseModel: Person, messages })],
  ["stream cut", () => server.enqueue(streamReply(contentDeltaChunks('{"name":"John"}', 2), { cutAfter: 3 })), async (client) => { for await (const _ of createPartial(client, { model: "m", responseModel: Person, messages })) void _; }],
  ["connection refused (listModels)", () => undefined, (client) => listModels(createInstructor({ baseURL: "http://127.0.0.1:1/v1", apiKey, transportRetry: { maxRetries: 0 } })).then(() => client)],
];

describe("no error path shows the API key", () => {
  for (const [name, arrange, act] of cases) {
    it(name, async () => {
      arrange();
      const text = await exposed(act);
      expect(text).not.toContain(apiKey);
      expect(text).not.toContain("9f8e7d6c5b4a3210");
    });
  }

  it("nor does a provider's missing-key or bad-mode error", () => {
    const texts: string[] = [];
    for (const attempt of [() => fromProvider("openai/gpt-4o", { environment: {} }), () => fromProvider("anthropic/x", { apiKey, mode: "json_schema" })]) {
      try {
        attempt();
      } catch (error) {
        texts.push((error as Error).message, JSON.stringify(error));
      }
    }
    expect(texts).toHaveLength(4);
    expect(texts.join("\n")).not.toContain(apiKey);
  });
});

import { createServer } from "node:net";
import { completion, statusReply, useTestServer } from "@cortex-ml/test-server";
import * as v from "valibot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  ApiError,
  ConnectionError,
  createInstructor,
  ModelNotFoundError,
  RequestAbortedError,
  structuredChat,
  TimeoutError,
} from "../src/index.js";

const Person = v.object({ name: v.string(), age: v.number() });
const messages = [{ role: "user" as const, content: "John is 25" }];
const fast = { initialDelayMs: 1, maxDelayMs: 2 };
const server = useTestServer({ beforeEach, afterEach });

/** A port on 127.0.0.1 with nothing listening. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return typeof address === "object" && address ? address.port : 1;
}

describe("typed errors", () => {
  it("connection refused names the base URL and `ollama serve`, after the transport retries", async () => {
    const baseURL = `http://127.0.0.1:${await closedPort()}/v1`;
    const client = createInstructor({ baseURL, transportRetry: { ...fast, maxRetries: 1 } });
    const error = await structuredChat(client, { model: "m", responseModel: Person, messages }).catch((caught: unknown) => caught);
    expect(ConnectionError.isInstance(error)).toBe(true);
    const connection = error as ConnectionError;
    expect(connection.name).toBe("ConnectionError");
    expect(connection.reason).toBe("ECONNREFUSED");
    expect(connection.message).toContain(baseURL);
    expect(connection.message).toContain("ollama serve");
  });

  it("an unknown model names `ollama pull <model>`", async () => {
    server.enqueue(statusReply(404, { error: { message: 'model "qwen9" not found, try pulling it first', type: "api_error" } }));
    const client = createInstructor({ baseURL: server.baseURL });
    const error = await structuredChat(client, { model: "qwen9", responseModel: Person, messages }).catch((caught: unknown) => caught);
    expect(ModelNotFoundError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain("ollama pull qwen9");
    expect((error as ModelNotFoundError).model).toBe("qwen9");
  });

  it("an HTTP error carries the status, whether it is retryable, and a hint", async () => {
    server.enqueue(statusReply(401, { error: { message: "invalid api key" } }));
    const client = createInstructor({ baseURL: server.baseURL });
    const error = await structuredChat(client, { model: "m", responseModel: Person, messages }).catch((caught: unknown) => caught);
    expect(ApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 401, retryable: false });
    expect((error as Error).message).toContain("Check the API key");
  });

  it("gives up on 5xx after the transport retries and says so", async () => {
    for (let index = 0; index < 3; index += 1) server.enqueue(statusReply(500, { error: { message: "boom" } }));
    const client = createInstructor({ baseURL: server.baseURL, transportRetry: fast });
    const error = await structuredChat(client, { model: "m", responseModel: Person, messages }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: "ApiError", status: 500, retryable: true });
    expect(server.requests).toHaveLength(3);
  });

  it("a slow request hits the per-attempt timeout, which is retried", async () => {
    server.enqueue(completion('{"name":"A","age":1}', { delayMs: 2_000 }), completion('{"name":"B","age":2}'));
    const client = createInstructor({ baseURL: server.baseURL, transportRetry: fast, timeout: 100 });
    const person = await structuredChat(client, { model: "m", responseModel: Person, messages });
    expect(person).toEqual({ name: "B", age: 2 });
  });

  it("the total deadline bounds retries and re-asks together", async () => {
    for (let index = 0; index < 5; index += 1) server.enqueue(completion('{"name":"A","age":1}', { delayMs: 400 }));
    const client = createInstructor({ baseURL: server.baseURL, transportRetry: fast, timeout: 300 });
    const started = Date.now();
    const error = await structuredChat(client, { model: "m", responseModel: Person, messages, totalTimeout: 500 }).catch(
      (caught: unknown) => caught,
    );
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ scope: "total", timeoutMs: 500 });
    // Without the total deadline, three 300 ms attempts would take 900 ms or more.
    expect(Date.now() - started).toBeLessThan(900);
  });

  it("an AbortSignal cancels the call", async () => {
    server.enqueue(completion('{"name":"A","age":1}', { delayMs: 5_000 }));
    const client = createInstructor({ baseURL: server.baseURL });
    const controller = new AbortController();
    const pending = structuredChat(client, { model: "m", responseModel: Person, messages, signal: controller.signal });
    setTimeout(() => controller.abort(new Error("user left")), 50);
    const error = await pending.catch((caught: unknown) => caught);
    expect(RequestAbortedError.isInstance(error)).toBe(true);
  });

  it("never shows the API key in an error", async () => {
    const apiKey = "sk-test-0123456789abcdefSECRET";
    server.enqueue(statusReply(401, { error: { message: `Incorrect API key provided: ${apiKey}` } }));
    const client = createInstructor({ baseURL: server.baseURL, apiKey });
    const error = await structuredChat(client, { model: "m", responseModel: Person, messages }).catch((caught: unknown) => caught);
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${apiKey}`);
    const everything = [String(error), (error as Error).message, (error as Error).stack, JSON.stringify(error)].join("\n");
    expect(everything).not.toContain(apiKey);
    expect(everything).not.toContain("0123456789abcdef");
  });
});

import { ApiError, createInstructor, createPartial, ensureModel, type InstructorClient, Mode, ModelNotFoundError, structuredChatWithMetadata } from "@cortex-ml/core";
import * as v from "valibot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalServer, startLocalServer } from "../src/index.js";
import { testEngineSettings, testModel } from "./support/test-models.js";

const Person = v.object({ name: v.pipe(v.string(), v.maxLength(16)), age: v.number(), pets: v.pipe(v.array(v.pipe(v.string(), v.maxLength(6))), v.maxLength(2)) });
const messages = [{ role: "user" as const, content: "Ann is 40 and has a dog." }];

async function post(server: LocalServer, body: unknown, raw = false): Promise<Response> {
  return fetch(`${server.baseURL}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: raw ? (body as string) : JSON.stringify(body),
  });
}

/** The `data:` payloads of a server-sent events body. */
function events(text: string): string[] {
  return text
    .split("\n\n")
    .filter((block) => block.startsWith("data: "))
    .map((block) => block.slice("data: ".length));
}

describe("the loopback OpenAI-compatible server, end to end with core's client", () => {
  let server: LocalServer;
  let client: InstructorClient;

  beforeAll(async () => {
    server = await startLocalServer({ modelPath: testModel("stories260K.gguf"), ...testEngineSettings, maxBodyBytes: 64 * 1024 });
    client = createInstructor({ baseURL: server.baseURL, mode: Mode.JSON_SCHEMA });
  });

  afterAll(async () => {
    await server.close();
  });

  it("listens on loopback and lists its model", async () => {
    expect(server.baseURL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const models = (await (await fetch(`${server.baseURL}/models`)).json()) as { data: { id: string }[] };
    expect(models.data.map((model) => model.id)).toEqual(["stories260K.gguf"]);
    await expect(ensureModel(client, "stories260K.gguf")).resolves.toBeUndefined();
  });

  it("serves JSON_SCHEMA structured calls through core's OpenAI-compatible path", async () => {
    const result = await structuredChatWithMetadata(client, { model: server.modelId, responseModel: Person, messages });
    expect(v.is(Person, result.data)).toBe(true);
    expect(result.attempts).toBe(1);
    expect(result.usage.totalTokens).toBe(result.usage.promptTokens + result.usage.completionTokens);
    expect(result.usage.completionTokens).toBeGreaterThan(0);
  });

  it("serves json_object with the built-in JSON grammar", async () => {
    const response = await post(server, { model: "any", messages, response_format: { type: "json_object" }, max_tokens: 200, seed: 5, temperature: 0.5 });
    expect(response.status).toBe(200);
    const completion = (await response.json()) as { object: string; choices: { message: { content: string }; finish_reason: string }[] };
    expect(completion.object).toBe("chat.completion");
    const choice = completion.choices[0];
    expect(choice?.message.content.trimStart().startsWith("{")).toBe(true);
    // The JSON grammar bounds nothing, so a tiny model may run to the limit; a finished answer is an object.
    if (choice?.finish_reason === "stop") expect(JSON.parse(choice.message.content)).toBeTypeOf("object");
    else expect(choice?.finish_reason).toBe("length");
  });

  it("streams server-sent events with usage and [DONE], which createPartial reads", async () => {
    const response = await post(server, {
      model: "any",
      messages,
      stream: true,
      stream_options: { include_usage: true },
      response_format: { type: "json_schema", json_schema: { name: "Person", schema: { type: "object", properties: { name: { type: "string", maxLength: 10 } } } } },
    });
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    const data = events(await response.text());
    expect(data[data.length - 1]).toBe("[DONE]");
    const chunks = data.slice(0, -1).map((item) => JSON.parse(item) as { choices: { finish_reason: string | null }[]; usage?: { total_tokens: number } });
    expect(chunks[chunks.length - 1]?.usage?.total_tokens).toBeGreaterThan(0);
    expect(chunks[chunks.length - 2]?.choices[0]?.finish_reason).toBe("stop");

    const snapshots = [];
    for await (const event of createPartial(client, { model: server.modelId, responseModel: Person, messages })) snapshots.push(event);
    expect(snapshots.filter((event) => !event.done).length).toBeGreaterThan(3);
    const last = snapshots[snapshots.length - 1];
    expect(last?.done === true && v.is(Person, last.data)).toBe(true);
  });

  it("leaves the usage chunk out unless include_usage is set", async () => {
    const data = events(await (await post(server, { model: "any", messages, stream: true, max_tokens: 5 })).text());
    expect(data.slice(0, -1).every((item) => (JSON.parse(item) as { choices: unknown[] }).choices.length === 1)).toBe(true);
  });

  it("answers errors with OpenAI error bodies, which core maps to its typed errors", async () => {
    const notJson = await post(server, "{nope", true);
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: { type: string } }).error.type).toBe("invalid_request_error");
    const tooBig = await post(server, { model: "any", messages: [{ role: "user", content: "x".repeat(100_000) }] });
    expect(tooBig.status).toBe(413);
    const badField = await post(server, { model: "any", messages, n: 3 });
    expect(badField.status).toBe(400);
    expect(((await badField.json()) as { error: { param: string } }).error.param).toBe("n");
    expect((await fetch(`${server.baseURL}/embeddings`, { method: "POST" })).status).toBe(404);
    expect((await fetch(`${server.baseURL}/chat/completions`)).status).toBe(405);
    const invalid = await structuredChatWithMetadata(client, { model: "any", responseModel: Person, messages, n: 2 } as never).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    // Over HTTP the engine's InvalidArgumentError is a 400, which core reports as a non-retryable ApiError.
    expect(ApiError.isInstance(invalid) && invalid.status === 400 && !invalid.retryable).toBe(true);
    expect((invalid as ApiError).serverMessage).toContain("Invalid `n`");
  });

  it("answers 429 when more requests wait than allowed", async () => {
    // Its own engine (another context size): closing this server must not unload the shared one.
    const small = await startLocalServer({ modelPath: testModel("stories260K.gguf"), ...testEngineSettings, contextSize: 512, maxQueuedRequests: 0 });
    try {
      const long = post(small, { model: "any", messages, max_tokens: 400, temperature: 1, seed: 9 });
      await new Promise((resolve) => setTimeout(resolve, 20));
      const busy = await post(small, { model: "any", messages, max_tokens: 5 });
      expect(busy.status).toBe(429);
      expect(busy.headers.get("retry-after")).toBe("1");
      expect((await long).status).toBe(200);
    } finally {
      await small.close();
    }
  });

  it("refuses non-loopback hosts", async () => {
    await expect(startLocalServer({ modelPath: testModel("stories260K.gguf"), host: "0.0.0.0" })).rejects.toThrow("loopback");
  });
});

describe("a server whose model file is missing", () => {
  it("answers 404 model not found, which core reads as ModelNotFoundError", async () => {
    const server = await startLocalServer({ modelPath: "./missing-model.gguf", ...testEngineSettings });
    try {
      const client = createInstructor({ baseURL: server.baseURL, mode: Mode.JSON_SCHEMA, transportRetry: { maxRetries: 0 } });
      const error = await structuredChatWithMetadata(client, { model: "missing-model.gguf", responseModel: Person, messages }).then(
        () => undefined,
        (failure: unknown) => failure,
      );
      expect(ModelNotFoundError.isInstance(error)).toBe(true);
    } finally {
      await server.close();
    }
  });
});

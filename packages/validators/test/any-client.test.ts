import { type ChatTransport, createInstructor, fromProvider, InvalidArgumentError, Mode, structuredChat } from "@cortex-ml/core";
import { structuredChat as structuredChatEffect } from "@cortex-ml/core/effect";
import { completion, useTestServer } from "@cortex-ml/test-server";
import { Effect, Exit } from "effect";
import OpenAI from "openai";
import * as v from "valibot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { llmValidator, moderation, ModerationUnavailableError } from "../src/index.js";

const server = useTestServer({ beforeEach, afterEach });
const messages = [{ role: "user" as const, content: "reply" }];

/** The validators, each built around whatever was passed as its client. */
const validators: ReadonlyArray<readonly [string, (client: never) => v.GenericSchemaAsync]> = [
  ["llmValidator", (client) => v.objectAsync({ text: v.pipeAsync(v.string(), llmValidator("must be polite", { client, model: "judge" })) })],
  ["moderation", (client) => v.objectAsync({ text: v.pipeAsync(v.string(), moderation({ client })) })],
];

const notClients: ReadonlyArray<readonly [string, unknown]> = [
  ["undefined", undefined],
  ["a provider string", "ollama/llama3.2"],
  ["an openai client", new OpenAI({ baseURL: "http://127.0.0.1:9/v1", apiKey: "x" })],
];

describe.each(validators)("%s with something that is not a client", (name, build) => {
  it.each(notClients)("%s: the structured call rejects with InvalidArgumentError naming the validator's client", async (_label, value) => {
    let schema: v.GenericSchemaAsync | undefined;
    expect(() => {
      schema = build(value as never);
    }).not.toThrow();
    server.enqueue(completion('{"text":"hi"}'));
    const error = await structuredChat(createInstructor({ baseURL: server.baseURL }), { model: "m", responseModel: schema as v.GenericSchemaAsync, messages }).catch(
      (caught: unknown) => caught,
    );
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as InvalidArgumentError).argument).toContain(`${name}(`);
    expect((error as Error).message).toMatch(/createInstructor\(\), fromOpenAI\(openai\), fromProvider/);
  });

  it("in the Effect API it is a typed failure, not a defect", async () => {
    server.enqueue(completion('{"text":"hi"}'));
    const exit = await Effect.runPromiseExit(
      structuredChatEffect(createInstructor({ baseURL: server.baseURL }), { model: "m", responseModel: build(undefined as never), messages }),
    );
    expect(Exit.isFailure(exit) && exit.cause._tag).toBe("Fail");
  });
});

describe("validators with any kind of client", () => {
  it("llmValidator takes a provider client and judges with its model", async () => {
    const judge = fromProvider("ollama/judge-model", { environment: { OLLAMA_BASE_URL: server.baseURL }, mode: Mode.JSON_SCHEMA });
    const Reply = v.objectAsync({ text: v.pipeAsync(v.string(), llmValidator("must be polite", { client: judge })) });
    server.enqueue(completion('{"text":"hi"}'), completion('{"isValid":true}'));
    expect(await judge.chat.completions.create({ responseModel: Reply, messages })).toEqual({ text: "hi" });
    expect(server.requests.map((request) => (request.body as { model: string }).model)).toEqual(["judge-model", "judge-model"]);
  });

  it("moderation with a client that has no moderation endpoint in its transport fails with ModerationUnavailableError", async () => {
    const transport: ChatTransport = {
      baseURL: "local:model.gguf",
      createCompletion: () => Effect.die("unused"),
      streamCompletion: () => Effect.die("unused"),
      listModels: () => Effect.succeed([]),
    };
    const local = createInstructor({ transport, model: "model.gguf" });
    const Comment = v.objectAsync({ text: v.pipeAsync(v.string(), moderation({ client: local })) });
    server.enqueue(completion('{"text":"hello"}'));
    const error = await structuredChat(createInstructor({ baseURL: server.baseURL }), { model: "m", responseModel: Comment, messages }).catch(
      (caught: unknown) => caught,
    );
    expect(ModerationUnavailableError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/local:model.gguf has no \/moderations endpoint \(it answers in-process\)/);
  });

  it("moderation goes through the transport: the server's 404 maps to ModerationUnavailableError, with no API key in it", async () => {
    const moderator = createInstructor({ baseURL: server.baseURL, apiKey: "sk-secret-123456789", transportRetry: { maxRetries: 0 } });
    const Comment = v.objectAsync({ text: v.pipeAsync(v.string(), moderation({ client: moderator })) });
    server.enqueue(completion('{"text":"hello"}'));
    const error = await structuredChat(createInstructor({ baseURL: server.baseURL }), { model: "m", responseModel: Comment, messages }).catch(
      (caught: unknown) => caught,
    );
    expect(ModerationUnavailableError.isInstance(error)).toBe(true);
    expect((error as { status: number }).status).toBe(404);
    expect(JSON.stringify(error)).not.toContain("sk-secret-123456789");
  });
});

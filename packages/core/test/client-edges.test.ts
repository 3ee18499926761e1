import { completion, streamReply, useTestServer } from "@cortex-ml/test-server";
import { Effect, Stream } from "effect";
import OpenAI from "openai";
import * as v from "valibot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import * as effectApi from "../src/effect.js";
import {
  type ChatTransport,
  createInstructor,
  createIterable,
  createPartial,
  fromOpenAI,
  fromProvider,
  type HookEvent,
  InvalidArgumentError,
  iterable,
  Mode,
  ProviderConfigError,
  RequestAbortedError,
  RetriesExhaustedError,
  structuredChat,
  TimeoutError,
} from "../src/index.js";
import { collect } from "./support/collect.js";

const Person = v.object({ name: v.string(), age: v.number() });
const messages = [{ role: "user" as const, content: "John is 25" }];
const server = useTestServer({ beforeEach, afterEach });
const fast = { initialDelayMs: 1, maxDelayMs: 2 };


async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe("chat.completions.create(params, requestOptions)", () => {
  const client = () => fromOpenAI(new OpenAI({ baseURL: server.baseURL, apiKey: "ollama" }), { transportRetry: { maxRetries: 0 } });

  it("an aborted signal sends nothing, for every method", async () => {
    const controller = new AbortController();
    controller.abort("user left");
    const completions = client().chat.completions;
    const errors = [
      await failure(completions.create({ model: "m", responseModel: Person, messages }, { signal: controller.signal })),
      await failure(completions.createWithCompletion({ model: "m", responseModel: Person, messages }, { signal: controller.signal })),
      await failure(collect(completions.createPartial({ model: "m", responseModel: Person, messages }, { signal: controller.signal }))),
    ];
    for (const error of errors) expect(RequestAbortedError.isInstance(error)).toBe(true);
    expect((errors[0] as RequestAbortedError).reason).toBe("user left");
    expect(server.requests).toHaveLength(0);
  });

  it("a signal aborted during the call cancels it", async () => {
    server.enqueue(completion('{"name":"J","age":1}', { delayMs: 5_000 }));
    const controller = new AbortController();
    const pending = client().chat.completions.create({ model: "m", responseModel: Person, messages }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    expect(RequestAbortedError.isInstance(await failure(pending))).toBe(true);
  });

  it("timeout is the deadline of each request", async () => {
    server.enqueue(completion('{"name":"J","age":1}', { delayMs: 3_000 }));
    const error = await failure(client().chat.completions.create({ model: "m", responseModel: Person, messages }, { timeout: 150 }));
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ scope: "attempt", timeoutMs: 150 });
  });

  it("other request options are refused with where they belong", async () => {
    const error = await failure(client().chat.completions.create({ model: "m", responseModel: Person, messages }, { maxRetries: 5 } as never));
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/requestOptions.maxRetries.*re-asks are `maxRetries`/);
    expect(server.requests).toHaveLength(0);
  });

  it("without a responseModel the options go to openai as they are", async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await failure(client().chat.completions.create({ model: "m", messages }, { signal: controller.signal }));
    expect(error).toBeInstanceOf(OpenAI.APIUserAbortError);
  });
});

/** A transport that answers every request with the same text: a client with its own transport, like an in-process model. */
function scriptedTransport(text: string): ChatTransport {
  const chat = { id: "c", object: "chat.completion", created: 0, model: "m", choices: [{ index: 0, message: { role: "assistant", content: text, refusal: null }, finish_reason: "stop", logprobs: null }] };
  return {
    baseURL: "scripted:",
    createCompletion: () => Effect.succeed(chat as never),
    streamCompletion: () =>
      Effect.succeed(Stream.make({ id: "c", object: "chat.completion.chunk", created: 0, model: "m", choices: [{ index: 0, delta: { content: text }, finish_reason: "stop" }] } as never)),
    listModels: () => Effect.succeed(["m"]),
  };
}

describe("a client with its own transport", () => {
  it("has no openai client, and still does every structured call", async () => {
    const client = createInstructor({ transport: scriptedTransport('{"name":"J","age":1}'), model: "m" });
    expect(client.openai).toBeUndefined();
    expect(client.baseURL).toBe("scripted:");
    expect(await structuredChat(client, { responseModel: Person, messages })).toEqual({ name: "J", age: 1 });
    expect((await collect(createPartial(client, { responseModel: Person, messages }))).at(-1)).toMatchObject({ done: true });
  });

  it("a call without responseModel says to pass one (there is no openai to pass it to)", async () => {
    const client = createInstructor({ transport: scriptedTransport("{}"), model: "m" });
    const error = await failure(client.chat.completions.create({ model: "m", messages }));
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/own transport.*pass responseModel/);
  });
});

describe("call requirements, as errors that name the fix", () => {
  const client = () => createInstructor({ baseURL: server.baseURL, model: "m" });

  it("createIterable with a model that is not iterable(...) fails before any request", async () => {
    const error = await failure(collect(createIterable(client(), { responseModel: Person as never, messages })));
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/wrap the element schema, e\.g\. responseModel: iterable\(User\)/);
    expect(server.requests).toHaveLength(0);
  });

  it("createPartial in PARALLEL_TOOLS says to use createIterable", async () => {
    const error = await failure(collect(createPartial(client(), { responseModel: iterable(Person), messages, mode: Mode.PARALLEL_TOOLS })));
    expect((error as Error).message).toMatch(/createPartial streams one object.*use createIterable/);
  });

  it("a Zod schema gets told a Valibot schema is needed", async () => {
    const error = await failure(structuredChat(client(), { responseModel: z.object({ name: z.string() }) as never, messages }));
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/needs a Valibot schema.*got a zod schema.*v\.object/);
    expect((error as Error).message).not.toMatch(/v\.unknown\(\)/);
  });

  it("no model anywhere names both fixes", async () => {
    const error = await failure(structuredChat(createInstructor({ baseURL: server.baseURL }), { responseModel: Person, messages }));
    expect((error as Error).message).toMatch(/name the model to call.*createInstructor\(\{ model \}\)/);
  });

  it("idleTimeout is a client default, validated like timeout, used by streams", async () => {
    expect(() => createInstructor({ idleTimeout: -1 })).toThrow(/Invalid `idleTimeout`: expected a positive number/);
    expect(() => createInstructor({ timeout: 0 })).toThrow(/Invalid `timeout`/);
    const bad = await failure(collect(createPartial(client(), { responseModel: Person, messages, idleTimeout: "soon" as never })));
    expect((bad as Error).message).toMatch(/Invalid `idleTimeout`/);
    server.enqueue(streamReply([{ id: "c", object: "chat.completion.chunk", created: 0, model: "m", choices: [{ index: 0, delta: { content: '{"na' } }] }], { stallAfter: 1 }));
    const client2 = createInstructor({ baseURL: server.baseURL, model: "m", idleTimeout: 150, transportRetry: { maxRetries: 0 } });
    const stalled = await failure(collect(createPartial(client2, { responseModel: Person, messages })));
    expect(stalled).toMatchObject({ _tag: "TimeoutError", scope: "idle", timeoutMs: 150 });
  });

  it("stream-only options (idleTimeout, maxDepth, maxLength) never go on the wire", async () => {
    server.enqueue(completion('{"name":"J","age":1}'));
    await collect(createPartial(client(), { responseModel: Person, messages, idleTimeout: 5_000, maxDepth: 10, maxLength: 10_000 }));
    expect(server.requests[0]?.body).not.toHaveProperty("idleTimeout");
    expect(server.requests[0]?.body).not.toHaveProperty("maxDepth");
    expect(server.requests[0]?.body).not.toHaveProperty("maxLength");
  });

  it('fromProvider("local/...") without the local package says to install and import it', () => {
    const error = (() => {
      try {
        fromProvider("local/./model.gguf");
      } catch (caught) {
        return caught;
      }
    })();
    expect(ProviderConfigError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/@cortex-ml\/provider-local: install it \(npm install @cortex-ml\/provider-local\) and import it/);
  });
});

describe("completion:error", () => {
  it("fires once when every answer was rejected, with the exhausted error and the last attempt", async () => {
    server.enqueue(completion('{"name":"J"}'), completion('{"name":"J"}'));
    const seen: HookEvent<"completion:error">[] = [];
    const client = createInstructor({ baseURL: server.baseURL, hooks: { "completion:error": (event) => seen.push(event) } });
    await failure(structuredChat(client, { model: "m", responseModel: Person, messages, maxRetries: 1 }));
    expect(seen).toHaveLength(1);
    expect(RetriesExhaustedError.isInstance(seen[0]?.error)).toBe(true);
    expect(seen[0]).toMatchObject({ attempt: 2, maxAttempts: 2, model: "m" });
  });

  it("fires once for the total deadline, in streams too", async () => {
    server.enqueue(completion('{"name":"J","age":1}', { delayMs: 3_000 }));
    const seen: unknown[] = [];
    const client = createInstructor({ baseURL: server.baseURL, transportRetry: fast, hooks: { "completion:error": (event) => seen.push(event.error) } });
    await failure(collect(createPartial(client, { model: "m", responseModel: Person, messages, totalTimeout: 150 })));
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ _tag: "TimeoutError", scope: "total" });
  });

  it("does not fire for a call that succeeds after a re-ask", async () => {
    server.enqueue(completion('{"name":"J"}'), completion('{"name":"J","age":1}'));
    const seen: unknown[] = [];
    await structuredChat(createInstructor({ baseURL: server.baseURL, hooks: { "completion:error": (event) => seen.push(event) } }), {
      model: "m",
      responseModel: Person,
      messages,
    });
    expect(seen).toEqual([]);
  });
});

describe("the Effect API", () => {
  it("a wrong option is a typed failure, not a defect", async () => {
    const exit = await Effect.runPromiseExit(effectApi.structuredChat(createInstructor({ baseURL: server.baseURL }), { model: "m", responseModel: Person, messages, maxRetries: -1 }));
    expect(exit._tag === "Failure" && exit.cause._tag).toBe("Fail");
  });
});

import { completion, useTestServer } from "@cortex-ml/test-server";
import { Effect, Exit, Stream } from "effect";
import OpenAI from "openai";
import * as v from "valibot";
import { afterEach, beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import * as effectApi from "../src/effect.js";
import {
  createInstructor,
  createIterable,
  createPartial,
  ensureModel,
  fromOpenAI,
  fromProvider,
  type InstructorClient,
  InvalidArgumentError,
  isInstructorClient,
  iterable,
  listModels,
  Mode,
  structuredChat,
  structuredChatWithMetadata,
} from "../src/index.js";
import { collect } from "./support/collect.js";

const Person = v.object({ name: v.string(), age: v.number() });
const messages = [{ role: "user" as const, content: "John is 25" }];
const server = useTestServer({ beforeEach, afterEach }, { models: ["test-model", "llama3.2:latest"] });

/** Every way to make a client; each carries the model its calls default to. */
const clientKinds: ReadonlyArray<readonly [string, () => InstructorClient]> = [
  ["createInstructor", () => createInstructor({ baseURL: server.baseURL, model: "llama3.2" })],
  ["fromOpenAI", () => fromOpenAI(new OpenAI({ baseURL: server.baseURL, apiKey: "ollama" }), { model: "llama3.2" })],
  ["fromProvider", () => fromProvider("ollama/llama3.2", { environment: { OLLAMA_BASE_URL: server.baseURL }, mode: Mode.JSON_SCHEMA })],
];


describe.each(clientKinds)("a %s client", (_kind, makeClient) => {
  it("is a cortex-ml client with its default model", () => {
    const client = makeClient();
    expect(isInstructorClient(client)).toBe(true);
    expect(client.model).toBe("llama3.2");
    expect(client.openai).toBeInstanceOf(OpenAI);
  });

  it("works with structuredChat, structuredChatWithMetadata and chat.completions.create (no model named)", async () => {
    const client = makeClient();
    server.enqueue(completion('{"name":"A","age":1}'), completion('{"name":"B","age":2}'), completion('{"name":"C","age":3}'));
    expect(await structuredChat(client, { responseModel: Person, messages })).toEqual({ name: "A", age: 1 });
    expect((await structuredChatWithMetadata(client, { responseModel: Person, messages })).data).toEqual({ name: "B", age: 2 });
    const person = await client.chat.completions.create({ responseModel: Person, messages });
    expect(person).toEqual({ name: "C", age: 3 });
    expectTypeOf(person).toEqualTypeOf<{ name: string; age: number }>();
    expect(server.requests.map((request) => (request.body as { model: string }).model)).toEqual(["llama3.2", "llama3.2", "llama3.2"]);
  });

  it("works with createPartial and createIterable, free and as methods", async () => {
    const client = makeClient();
    const People = iterable(Person);
    const list = '{"content":[{"name":"A","age":1},{"name":"B","age":2}]}';
    server.enqueue(completion('{"name":"A","age":1}'), completion('{"name":"A","age":1}'), completion(list), completion(list));
    expect((await collect(createPartial(client, { responseModel: Person, messages }))).at(-1)).toMatchObject({ done: true, data: { name: "A", age: 1 } });
    expect((await collect(client.chat.completions.createPartial({ responseModel: Person, messages }))).at(-1)).toMatchObject({ done: true });
    expect(await collect(createIterable(client, { responseModel: People, messages }))).toEqual([{ name: "A", age: 1 }, { name: "B", age: 2 }]);
    expect(await collect(client.chat.completions.createIterable({ responseModel: People, messages }))).toHaveLength(2);
  });

  it("works with listModels and ensureModel (the client's model by default), and the Effect twins", async () => {
    const client = makeClient();
    expect(await listModels(client)).toEqual(["test-model", "llama3.2:latest"]);
    await expect(ensureModel(client)).resolves.toBeUndefined();
    expect(await Effect.runPromise(effectApi.listModels(client))).toEqual(["test-model", "llama3.2:latest"]);
    server.enqueue(completion('{"name":"E","age":5}'));
    expect(await Effect.runPromise(effectApi.structuredChat(client, { responseModel: Person, messages }))).toEqual({ name: "E", age: 5 });
  });
});

/** Things people pass where a client belongs. */
const notClients: ReadonlyArray<readonly [string, unknown, RegExp]> = [
  ["undefined", undefined, /got undefined/],
  ["null", null, /got null/],
  ["a provider string", "ollama/llama3.2", /got a string/],
  ["a plain object", { baseURL: "http://localhost:11434/v1" }, /not a cortex-ml client/],
  ["an openai client", new OpenAI({ baseURL: "http://127.0.0.1:9/v1", apiKey: "x" }), /wrap it first: fromOpenAI\(openai\)/],
];

const options = { model: "m", responseModel: Person, messages };

/** Every public function that takes a client, each as a thunk that returns its Promise (never throws). */
const promiseEntryPoints: ReadonlyArray<readonly [string, (client: never) => Promise<unknown>]> = [
  ["structuredChat", (client) => structuredChat(client, options)],
  ["structuredChatWithMetadata", (client) => structuredChatWithMetadata(client, options)],
  ["createPartial", (client) => collect(createPartial(client, options))],
  ["createIterable", (client) => collect(createIterable(client, { ...options, responseModel: iterable(Person) }))],
  ["listModels", (client) => listModels(client)],
  ["ensureModel", (client) => ensureModel(client, "m")],
];

/** The Effect entry points, each run to its Exit. */
const effectEntryPoints: ReadonlyArray<readonly [string, (client: never) => Effect.Effect<unknown, unknown>]> = [
  ["structuredChat", (client) => effectApi.structuredChat(client, options)],
  ["structuredChatWithMetadata", (client) => effectApi.structuredChatWithMetadata(client, options)],
  ["createPartial", (client) => Stream.runCollect(effectApi.createPartial(client, options))],
  ["createIterable", (client) => Stream.runCollect(effectApi.createIterable(client, { ...options, responseModel: iterable(Person) }))],
  ["listModels", (client) => effectApi.listModels(client)],
  ["ensureModel", (client) => effectApi.ensureModel(client, "m")],
];

describe("anything else passed as a client", () => {
  describe.each(notClients)("%s", (_label, value, detail) => {
    it.each(promiseEntryPoints)("%s rejects with InvalidArgumentError naming the client (no synchronous throw, no request)", async (_name, call) => {
      let pending: Promise<unknown> | undefined;
      expect(() => {
        pending = call(value as never);
      }).not.toThrow();
      const error = await pending?.catch((caught: unknown) => caught);
      expect(InvalidArgumentError.isInstance(error)).toBe(true);
      expect((error as InvalidArgumentError).argument).toBe("client");
      expect((error as Error).message).toMatch(/createInstructor\(\), fromOpenAI\(openai\), fromProvider/);
      expect((error as Error).message).toMatch(detail);
      expect(server.requests).toHaveLength(0);
    });

    it.each(effectEntryPoints)("the Effect %s fails with it in the error channel (not a defect)", async (_name, call) => {
      let program: Effect.Effect<unknown, unknown> | undefined;
      expect(() => {
        program = call(value as never);
      }).not.toThrow();
      const exit = await Effect.runPromiseExit(program as Effect.Effect<unknown, unknown>);
      expect(Exit.isFailure(exit)).toBe(true);
      if (Exit.isFailure(exit)) {
        expect(exit.cause._tag).toBe("Fail");
        const error = exit.cause._tag === "Fail" ? exit.cause.error : undefined;
        expect(InvalidArgumentError.isInstance(error)).toBe(true);
        expect((error as InvalidArgumentError).message).toMatch(detail);
      }
    });
  });

  it("the options object itself may be missing: an InvalidArgumentError, not a TypeError", async () => {
    const client = createInstructor({ baseURL: server.baseURL });
    const error = await structuredChat(client, undefined as never).catch((caught: unknown) => caught);
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as InvalidArgumentError).argument).toBe("options");
    const streamed = await collect(createPartial(client, null as never)).catch((caught: unknown) => caught);
    expect(InvalidArgumentError.isInstance(streamed)).toBe(true);
  });
});

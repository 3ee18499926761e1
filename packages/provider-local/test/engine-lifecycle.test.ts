import { fromProvider, InvalidArgumentError, listModels, ModelNotFoundError, RequestAbortedError } from "@cortex-ml/core";
import { Effect } from "effect";
import type { ChatCompletionCreateParamsNonStreaming } from "openai/resources/chat/completions";
import * as v from "valibot";
import { afterAll, describe, expect, it } from "vitest";
import { createLocalTransport, disposeLocalEngines, LocalEngine, type LocalTransport } from "../src/index.js";
import { testEngineSettings, testModel, testModelsDirectory } from "./support/test-models.js";

const body: ChatCompletionCreateParamsNonStreaming = {
  model: "stories260K.gguf",
  messages: [{ role: "user", content: "Hi" }],
  response_format: { type: "json_schema", json_schema: { name: "T", schema: { type: "object", properties: { word: { type: "string", maxLength: 8 } } } } },
};
const Word = v.object({ word: v.pipe(v.string(), v.maxLength(8)) });

describe("engine lifecycle", () => {
  afterAll(async () => {
    await disposeLocalEngines();
  });

  it("loads lazily, unloads on dispose (twice is a no-op), and reloads on the next call", async () => {
    const transport = createLocalTransport({ modelPath: testModel("stories260K.gguf"), ...testEngineSettings });
    expect(transport.baseURL).toBe("local:stories260K.gguf");
    await transport.dispose(); // nothing loaded yet: no-op
    expect(transport.engine.isLoaded).toBe(false);
    const first = await Effect.runPromise(transport.createCompletion(body, {}));
    expect(transport.engine.isLoaded).toBe(true);
    await transport.dispose();
    expect(transport.engine.isLoaded).toBe(false);
    await transport.dispose();
    expect(transport.engine.isLoaded).toBe(false);
    const again = await Effect.runPromise(transport.createCompletion(body, {}));
    expect(again.choices[0]?.message.content).toBe(first.choices[0]?.message.content);
    expect(transport.engine.isLoaded).toBe(true);
    await transport[Symbol.asyncDispose]();
    expect(transport.engine.isLoaded).toBe(false);
  });

  it("shares one engine per model file and settings", async () => {
    const path = testModel("stories260K.gguf");
    const one = createLocalTransport({ modelPath: path, ...testEngineSettings });
    const two = createLocalTransport({ modelPath: `${testModelsDirectory()}/../models/stories260K.gguf`, ...testEngineSettings });
    expect(two.engine).toBe(one.engine);
    const viaProvider = fromProvider(`local/${path}`).transport as LocalTransport;
    expect(viaProvider.engine).toBe(one.engine);
    expect(createLocalTransport({ modelPath: path, threads: 1, contextSize: 256 }).engine).not.toBe(one.engine);
  });

  it("stops a running generation and fails waiting ones when disposed", async () => {
    const transport = createLocalTransport({ modelPath: testModel("stories260K.gguf"), ...testEngineSettings });
    await transport.engine.load();
    const long = { ...body, response_format: undefined, max_tokens: 1_500, temperature: 1, seed: 3 };
    const running = Effect.runPromise(Effect.flip(transport.createCompletion(long, {})));
    const waiting = Effect.runPromise(Effect.flip(transport.createCompletion(long, {})));
    await new Promise((resolve) => setTimeout(resolve, 30));
    await transport.dispose();
    for (const error of await Promise.all([running, waiting])) {
      expect(RequestAbortedError.isInstance(error)).toBe(true);
      expect(error.message).toContain("disposed");
    }
    expect(transport.engine.isLoaded).toBe(false);
  });

  it("`await using` an engine unloads it at the end of the block", async () => {
    let engine: LocalEngine | undefined;
    {
      await using scoped = new LocalEngine({ modelPath: testModel("stories260K.gguf"), ...testEngineSettings });
      await scoped.load();
      expect(scoped.isLoaded).toBe(true);
      expect(scoped.loadedContextSize).toBeGreaterThan(0);
      engine = scoped;
    }
    expect(engine.isLoaded).toBe(false);
  });
});

describe("model file errors", () => {
  it("a missing file is a ModelNotFoundError naming the path and how to get a model", async () => {
    const client = fromProvider("local/./no-such-model.gguf");
    const error = await client.chat.completions.create({ responseModel: Word, messages: body.messages }).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(ModelNotFoundError.isInstance(error)).toBe(true);
    const message = (error as Error).message;
    expect(message).toContain(`${process.cwd()}/no-such-model.gguf`);
    expect(message).toContain("hf:<user>/<repo>/<file>.gguf");
    const listed = await listModels(client).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(ModelNotFoundError.isInstance(listed)).toBe(true);
  });

  it("a file that is not GGUF is an InvalidArgumentError", async () => {
    const notGguf = `${testModelsDirectory()}/README.md`;
    const error = await fromProvider(`local/${notGguf}`)
      .chat.completions.create({ responseModel: Word, messages: body.messages })
      .then(
        () => undefined,
        (failure: unknown) => failure,
      );
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as InvalidArgumentError).message).toContain("is not a GGUF model file");
  });

  it("lists the model as it was named", async () => {
    const client = fromProvider(`local/${testModel("stories260K.gguf")}`);
    expect(await listModels(client)).toEqual([testModel("stories260K.gguf")]);
  });

  it("rejects bad engine settings up front", () => {
    expect(() => createLocalTransport({ modelPath: "x.gguf", threads: 0 })).toThrow(InvalidArgumentError);
    expect(() => createLocalTransport({ modelPath: "x.gguf", maxTokens: -1 })).toThrow("maxTokens");
    expect(() => createLocalTransport({ modelPath: " " })).toThrow("modelPath");
  });
});

import { completion, toolCallCompletion, useTestServer } from "@cortex-ml/test-server";
import * as v from "valibot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { builtinProviders } from "../src/providers/builtin-providers.js";
import {
  ensureModel,
  fromProvider,
  Mode,
  ModelNotFoundError,
  ProviderConfigError,
  providerNames,
  registerProvider,
} from "../src/index.js";

const User = v.pipe(v.object({ name: v.string(), age: v.optional(v.number()) }), v.title("User"));
const messages = [{ role: "user" as const, content: "Extract: John is 25" }];
const server = useTestServer({ beforeEach, afterEach }, { models: ["llama3.2:latest", "gpt-4o"] });

const body = (index = 0) => server.requests[index]?.body as Record<string, unknown>;

describe("fromProvider: the same call over several providers", () => {
  it("runs one example unchanged over ollama, openai and anthropic", async () => {
    const environment = {
      OLLAMA_BASE_URL: server.baseURL,
      OPENAI_BASE_URL: server.baseURL,
      OPENAI_API_KEY: "sk-openai-test-key-0001",
      ANTHROPIC_BASE_URL: server.baseURL,
      ANTHROPIC_API_KEY: "sk-ant-test-key-0002",
    };
    server.enqueue(
      // Mode "auto" (Ollama's default) probes the endpoint+model once first.
      completion('{"cortex_probe":"ok"}'),
      completion('{"name":"John","age":25}'),
      completion('{"name":"John","age":25}'),
      toolCallCompletion([{ name: "User", arguments: { name: "John", age: 25 } }]),
    );
    const results = [];
    for (const spec of ["ollama/llama3.2", "openai/gpt-4o", "anthropic/claude-3-5-haiku-latest"]) {
      const client = fromProvider(spec, { environment });
      results.push(await client.chat.completions.create({ responseModel: User, messages }));
    }
    expect(results).toEqual([{ name: "John", age: 25 }, { name: "John", age: 25 }, { name: "John", age: 25 }]);
    expect(server.requests.map((request) => (request.body as { model: string }).model)).toEqual([
      "llama3.2",
      "llama3.2",
      "gpt-4o",
      "claude-3-5-haiku-latest",
    ]);
    expect(server.requests.map((request) => request.headers.authorization)).toEqual([
      "Bearer ollama",
      "Bearer ollama",
      "Bearer sk-openai-test-key-0001",
      "Bearer sk-ant-test-key-0002",
    ]);
    expect(server.requests.every((request) => request.path === "/v1/chat/completions")).toBe(true);
  });

  it('ollama defaults to "auto": one probe, then JSON_SCHEMA (constrained decoding), not strict', async () => {
    server.enqueue(completion('{"cortex_probe":"ok"}'), completion('{"name":"John"}'));
    const client = fromProvider("ollama/llama3.2", { environment: { OLLAMA_BASE_URL: server.baseURL } });
    expect(client.defaults.mode).toBe(Mode.AUTO);
    await client.chat.completions.create({ responseModel: User, messages });
    expect(body(0)).toMatchObject({ response_format: { json_schema: { name: "cortex_probe" } } });
    expect(body(1)).toMatchObject({
      temperature: 0,
      seed: 42,
      response_format: { type: "json_schema", json_schema: { name: "User", strict: false } },
    });
  });

  it("openai uses strict json_schema and maps forced nulls back to absent optional fields", async () => {
    server.enqueue(completion('{"name":"John","age":null}'));
    const client = fromProvider("openai/gpt-4o", { environment: { OPENAI_BASE_URL: server.baseURL, OPENAI_API_KEY: "sk-x-123456789" } });
    const user = await client.chat.completions.create({ responseModel: User, messages });
    expect(user).toEqual({ name: "John" });
    const format = body().response_format as { json_schema: { strict: boolean; schema: Record<string, unknown> } };
    expect(format.json_schema.strict).toBe(true);
    expect(format.json_schema.schema).toMatchObject({
      required: ["name", "age"],
      additionalProperties: false,
      properties: { age: { anyOf: [{ type: "number" }, { type: "null" }] } },
    });
  });

  it("openai TOOLS mode marks the function strict", async () => {
    server.enqueue(toolCallCompletion([{ name: "User", arguments: { name: "J", age: null } }]));
    const client = fromProvider("openai/gpt-4o", {
      environment: { OPENAI_BASE_URL: server.baseURL, OPENAI_API_KEY: "sk-x-123456789" },
      mode: Mode.TOOLS,
    });
    expect(await client.chat.completions.create({ responseModel: User, messages })).toEqual({ name: "J" });
    expect((body().tools as Array<{ function: { strict?: boolean } }>)[0]?.function.strict).toBe(true);
  });

  it("mistral gets random_seed instead of seed", async () => {
    server.enqueue(completion('{"name":"John"}'));
    const client = fromProvider("mistral/mistral-small-latest", { environment: { MISTRAL_API_KEY: "m-key-123456789" }, baseURL: server.baseURL });
    await client.chat.completions.create({ responseModel: User, messages });
    expect(body()).toMatchObject({ random_seed: 42 });
    expect(body()).not.toHaveProperty("seed");
  });

  it("per-call model overrides the provider string's", async () => {
    server.enqueue(completion('{"name":"John"}'));
    const client = fromProvider("ollama/llama3.2", { environment: { OLLAMA_BASE_URL: server.baseURL }, mode: Mode.JSON_SCHEMA });
    await client.chat.completions.create({ model: "qwen2.5", responseModel: User, messages });
    expect(body().model).toBe("qwen2.5");
  });
});

describe("fromProvider: bad input", () => {
  it("a string without a slash names the form and the known providers", () => {
    expect(() => fromProvider("llama3.2")).toThrow(/"provider\/model".*ollama\/llama3\.2.*Known providers: ollama, openai/);
  });

  it("an unknown provider lists the known ones", () => {
    let error: unknown;
    try {
      fromProvider("acme/model-1");
    } catch (caught) {
      error = caught;
    }
    expect(ProviderConfigError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain("unknown provider");
    expect((error as Error).message).toContain(providerNames().join(", "));
  });

  it("a missing API key names the environment variable", () => {
    expect(() => fromProvider("openai/gpt-4o", { environment: {} })).toThrow(/Set OPENAI_API_KEY/);
    expect(() => fromProvider("groq/llama-3.1-8b-instant", { environment: {} })).toThrow(/Set GROQ_API_KEY/);
  });

  it("a mode the provider cannot do names the ones it can", () => {
    expect(() => fromProvider("anthropic/claude-3-5-haiku-latest", { environment: { ANTHROPIC_API_KEY: "k-123456789" }, mode: Mode.JSON_SCHEMA })).toThrow(
      /mode "json_schema" is not supported here\. Use one of: "tools", "parallel_tools", "md_json"/,
    );
  });

  it("a per-call mode the provider cannot do fails the same way", async () => {
    const client = fromProvider("deepseek/deepseek-chat", { environment: { DEEPSEEK_API_KEY: "d-123456789" }, baseURL: server.baseURL });
    await expect(client.chat.completions.create({ responseModel: User, messages, mode: Mode.JSON_SCHEMA })).rejects.toMatchObject({
      name: "ProviderConfigError",
    });
    expect(server.requests).toHaveLength(0);
  });
});

describe("registerProvider", () => {
  it("adds an OpenAI-compatible endpoint without forking", async () => {
    registerProvider({
      name: "corp-llm",
      baseURL: server.baseURL,
      apiKeyEnvironmentVariable: "CORP_LLM_KEY",
      requiresApiKey: true,
      defaultMode: Mode.TOOLS,
      supportedModes: [Mode.TOOLS, Mode.JSON],
      imageInput: "url",
    });
    server.enqueue(toolCallCompletion([{ name: "User", arguments: { name: "Ann" } }]));
    const client = fromProvider("corp-llm/big-model", { environment: { CORP_LLM_KEY: "corp-secret-123456" } });
    expect(await client.chat.completions.create({ responseModel: User, messages })).toEqual({ name: "Ann" });
    expect(server.requests[0]?.headers.authorization).toBe("Bearer corp-secret-123456");
  });

  it("rejects a definition whose default mode it does not support", () => {
    expect(() =>
      registerProvider({ name: "bad", baseURL: "http://x", requiresApiKey: false, defaultMode: Mode.JSON, supportedModes: [Mode.TOOLS], imageInput: "url" }),
    ).toThrow(/defaultMode/);
  });

  it("every built-in provider is consistent", () => {
    expect(builtinProviders.map((provider) => provider.name)).toEqual([
      "ollama", "openai", "anthropic", "deepseek", "groq", "together", "openrouter", "mistral", "xai", "fireworks", "lmstudio", "vllm", "llamacpp",
    ]);
    for (const provider of builtinProviders) {
      if (provider.defaultMode !== Mode.AUTO) expect(provider.supportedModes).toContain(provider.defaultMode);
      expect(provider.baseURL).toMatch(/^https?:\/\/.+\/v1$/);
      if (provider.requiresApiKey) expect(provider.apiKeyEnvironmentVariable).toMatch(/_API_KEY$/);
    }
  });
});

describe("ensureModel", () => {
  it("passes for a model the server has (Ollama's :latest included)", async () => {
    const client = fromProvider("ollama/llama3.2", { environment: { OLLAMA_BASE_URL: server.baseURL } });
    await expect(ensureModel(client, "llama3.2")).resolves.toBeUndefined();
    await expect(ensureModel(client)).resolves.toBeUndefined();
  });

  it("gives the ollama pull hint before any extraction for an absent model", async () => {
    const client = fromProvider("ollama/phi3", { environment: { OLLAMA_BASE_URL: server.baseURL } });
    const error = await ensureModel(client).catch((caught: unknown) => caught);
    expect(ModelNotFoundError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain("ollama pull phi3");
    expect((error as Error).message).toContain("llama3.2:latest");
    expect(server.requests).toHaveLength(0);
  });

  it("a 404 from chat completions on openai gets its provider's hint, not ollama's", async () => {
    server.enqueue({ kind: "status", status: 404, body: { error: { message: "The model `gpt-9` does not exist" } } });
    const client = fromProvider("openai/gpt-9", { environment: { OPENAI_API_KEY: "sk-x-123456789" }, baseURL: server.baseURL });
    const error = await client.chat.completions.create({ responseModel: User, messages }).catch((caught: unknown) => caught);
    expect(ModelNotFoundError.isInstance(error)).toBe(true);
    expect((error as Error).message).not.toContain("ollama pull");
    expect((error as Error).message).toContain("OpenAI's model list");
  });
});

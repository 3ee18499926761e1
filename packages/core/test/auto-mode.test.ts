import { imitateServer, type RecordedRequest, type ServerBehaviour, startTestServer, type TestServer } from "@cortex-ml/test-server";
import * as v from "valibot";
import { afterEach, describe, expect, it } from "vitest";
import {
  createInstructor,
  createPartial,
  fromProvider,
  InvalidArgumentError,
  type Logger,
  memoryCacheStore,
  Mode,
  RetriesExhaustedError,
  structuredChatWithMetadata,
} from "../src/index.js";
import { forgetModeCapabilities } from "../src/auto-mode/capability-memory.js";
import { collect } from "./support/collect.js";

const Person = v.object({ name: v.string(), age: v.number() });
const messages = [{ role: "user" as const, content: "John is 25" }];
const john = { name: "John", age: 25 };

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(behaviour: ServerBehaviour): Promise<TestServer> {
  const server = await startTestServer({ fallback: imitateServer(behaviour) });
  servers.push(server);
  return server;
}

const isProbe = (request: RecordedRequest) =>
  (request.body as { response_format?: { json_schema?: { name?: string } } }).response_format?.json_schema?.name === "cortex_probe";
const probes = (server: TestServer) => server.requests.filter(isProbe);
const wireMode = (request: RecordedRequest): string => {
  const body = request.body as { response_format?: { type: string }; tool_choice?: unknown };
  if (body.tool_choice !== undefined) return "tools";
  return body.response_format?.type === "json_object" ? "json" : (body.response_format?.type ?? "md_json");
};
const calls = (server: TestServer) => server.requests.filter((request) => !isProbe(request)).map(wireMode);

function auto(server: TestServer, options: { logger?: Logger; cache?: ReturnType<typeof memoryCacheStore> } = {}) {
  return createInstructor({ baseURL: server.baseURL, model: "weak-model", mode: Mode.AUTO, ...options });
}

function recordingLogger(): Logger & { readonly warnings: string[]; readonly infos: string[] } {
  const warnings: string[] = [];
  const infos: string[] = [];
  return { warnings, infos, warn: (message) => warnings.push(message), info: (message) => infos.push(message) };
}

describe('mode "auto" picks the strongest mode each server honours', () => {
  it("a server that honours json_schema: one probe, then JSON_SCHEMA, and no probe on later calls", async () => {
    const server = await serve({ answer: john });
    const client = auto(server);
    const first = await structuredChatWithMetadata(client, { responseModel: Person, messages });
    const second = await structuredChatWithMetadata(client, { responseModel: Person, messages });
    expect(first).toMatchObject({ data: john, attempts: 1, modeUsed: Mode.JSON_SCHEMA, constraintHonoured: true });
    expect(second).toMatchObject({ modeUsed: Mode.JSON_SCHEMA, constraintHonoured: true });
    expect(probes(server)).toHaveLength(1);
    expect(server.requests[0] && isProbe(server.requests[0])).toBe(true);
    expect(calls(server)).toEqual(["json_schema", "json_schema"]);
    expect(probes(server)[0]?.body).toMatchObject({ model: "weak-model", max_tokens: 64, messages: [{ role: "user", content: "Say hello." }] });
  });

  it("a server that ignores response_format: TOOLS (forced tool_choice works there)", async () => {
    const server = await serve({ answer: john, jsonSchema: "ignore", jsonObject: "ignore" });
    const result = await structuredChatWithMetadata(auto(server), { responseModel: Person, messages });
    expect(result).toMatchObject({ data: john, attempts: 1, modeUsed: Mode.TOOLS, constraintHonoured: true });
    expect(calls(server)).toEqual(["tools"]);
  });

  it("old Ollama (no json_schema, tool_choice ignored): a dropped tool call switches the re-ask to JSON", async () => {
    const server = await serve({ answer: john, jsonSchema: "ignore", toolChoice: "ignore", freeText: () => "John is a 25 year old man." });
    const logger = recordingLogger();
    const client = auto(server, { logger });
    const result = await structuredChatWithMetadata(client, { responseModel: Person, messages });
    expect(result).toMatchObject({ data: john, attempts: 2, modeUsed: Mode.JSON, constraintHonoured: true });
    expect(result.rejectedAttempts[0]).toMatchObject({ attempt: 1, mode: Mode.TOOLS, constraintHonoured: false, failure: "parse" });
    expect(calls(server)).toEqual(["tools", "json"]);
    // The next call starts in JSON mode; the drop was logged once.
    await structuredChatWithMetadata(client, { responseModel: Person, messages });
    expect(calls(server)).toEqual(["tools", "json", "json"]);
    expect(probes(server)).toHaveLength(1);
    expect(logger.warnings.filter((line) => line.includes("ignored the tools constraint"))).toHaveLength(1);
    expect(logger.warnings[0]).toMatch(/no tool call under a forced tool_choice\); mode "auto" uses json from now on/);
  });

  it('fromProvider("ollama/...") defaults to auto and never tries TOOLS there (Ollama ignores tool_choice)', async () => {
    const server = await serve({ answer: john, jsonSchema: "ignore", toolChoice: "ignore" });
    const client = fromProvider("ollama/qwen3", { environment: { OLLAMA_BASE_URL: server.baseURL } });
    expect(client.defaults.mode).toBe(Mode.AUTO);
    const result = await structuredChatWithMetadata(client, { responseModel: Person, messages });
    expect(result).toMatchObject({ data: john, attempts: 1, modeUsed: Mode.JSON, constraintHonoured: true });
    expect(calls(server)).toEqual(["json"]);
  });

  it("a server that rejects json_schema with HTTP 400: the probe says so, and the call uses TOOLS", async () => {
    const server = await serve({ answer: john, jsonSchema: "reject" });
    const result = await structuredChatWithMetadata(auto(server), { responseModel: Person, messages });
    expect(result).toMatchObject({ modeUsed: Mode.TOOLS, attempts: 1 });
    expect(probes(server)).toHaveLength(1);
  });

  it("an answer with keys outside the schema counts as a dropped json_schema, even when it validates", async () => {
    // The probe passes (the server constrains it), but the real answers carry an extra key.
    const server = await serve({
      answerFor: (request) => (isProbe(request) ? {} : { ...john, mood: "happy" }),
      jsonSchema: "ignore",
      freeText: (json, request) => (request.body as { messages: unknown[] }).messages.length === 1 && isProbe(request) ? '{"cortex_probe":"ok"}' : json,
    });
    const client = auto(server);
    const first = await structuredChatWithMetadata(client, { responseModel: Person, messages });
    expect(first).toMatchObject({ data: john, attempts: 1, modeUsed: Mode.JSON_SCHEMA, constraintHonoured: false });
    const second = await structuredChatWithMetadata(client, { responseModel: Person, messages });
    expect(second).toMatchObject({ modeUsed: Mode.TOOLS, constraintHonoured: true });
  });

  it.each([
    ["a reasoning field (Ollama)", "reasoning"],
    ["a reasoning_content field (vLLM)", "reasoning_content"],
    ["<think> tags in the content", "tags"],
  ] as const)("a model that thinks before answering, in %s: free to think, strict to answer", async (_label, thinking) => {
    const server = await serve({ answer: john, thinking });
    const logger = recordingLogger();
    const result = await structuredChatWithMetadata(auto(server, { logger }), { responseModel: Person, messages });
    expect(result).toMatchObject({ data: john, attempts: 1, modeUsed: Mode.JSON_SCHEMA, constraintHonoured: true });
    expect(logger.infos.join("\n")).toMatch(/json_schema honoured, the model thinks before answering; using json_schema/);
  });
});

describe('mode "auto": the probe', () => {
  it("concurrent first calls share one probe", async () => {
    const server = await serve({ answer: john });
    const client = auto(server);
    const results = await Promise.all(Array.from({ length: 6 }, () => structuredChatWithMetadata(client, { responseModel: Person, messages })));
    expect(results.every((result) => result.modeUsed === Mode.JSON_SCHEMA)).toBe(true);
    expect(probes(server)).toHaveLength(1);
    expect(server.requests).toHaveLength(7);
  });

  it("is per endpoint+model: another model is probed once too", async () => {
    const server = await serve({ answer: john });
    const client = auto(server);
    await structuredChatWithMetadata(client, { responseModel: Person, messages });
    await structuredChatWithMetadata(client, { model: "other-model", responseModel: Person, messages });
    await structuredChatWithMetadata(client, { model: "other-model", responseModel: Person, messages });
    expect(probes(server).map((request) => (request.body as { model: string }).model)).toEqual(["weak-model", "other-model"]);
  });

  it("never runs when a mode is picked explicitly, on the client or on the call", async () => {
    const server = await serve({ answer: john });
    await structuredChatWithMetadata(createInstructor({ baseURL: server.baseURL, model: "m" }), { responseModel: Person, messages });
    await structuredChatWithMetadata(fromProvider("ollama/m", { environment: { OLLAMA_BASE_URL: server.baseURL }, mode: Mode.JSON_SCHEMA }), { responseModel: Person, messages });
    const result = await structuredChatWithMetadata(fromProvider("ollama/m", { environment: { OLLAMA_BASE_URL: server.baseURL } }), { responseModel: Person, messages, mode: Mode.JSON });
    expect(probes(server)).toHaveLength(0);
    expect(result).not.toHaveProperty("modeUsed");
    expect(calls(server)).toEqual(["json", "json_schema", "json"]);
  });

  it("a probe that fails (server down) shows nothing and is not kept: the call meets the error, the next call probes again", async () => {
    const server = await serve({ answer: john });
    const down = { kind: "status", status: 500, body: { error: { message: "loading model" } } } as const;
    server.enqueue(down, down);
    const client = createInstructor({ baseURL: server.baseURL, model: "m", mode: Mode.AUTO, transportRetry: { maxRetries: 0 } });
    const error = await structuredChatWithMetadata(client, { responseModel: Person, messages }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ _tag: "ApiError", status: 500 });
    expect(await structuredChatWithMetadata(client, { responseModel: Person, messages })).toMatchObject({ data: john, modeUsed: Mode.JSON_SCHEMA });
    expect(probes(server)).toHaveLength(2);
  });

  it("after a failed probe, what the call's own answer shows is kept (no probe needed any more)", async () => {
    const server = await serve({ answer: john });
    server.enqueue({ kind: "status", status: 500, body: { error: { message: "busy" } } });
    const client = auto(server);
    expect(await structuredChatWithMetadata(client, { responseModel: Person, messages })).toMatchObject({ modeUsed: Mode.JSON_SCHEMA, constraintHonoured: true });
    await structuredChatWithMetadata(client, { responseModel: Person, messages });
    expect(probes(server)).toHaveLength(1);
    expect(calls(server)).toEqual(["json_schema", "json_schema"]);
  });

  it("is kept in the client's cache store: a new process (memory forgotten) does not probe again", async () => {
    const server = await serve({ answer: john, jsonSchema: "ignore", jsonObject: "ignore" });
    const store = memoryCacheStore();
    await structuredChatWithMetadata(auto(server, { cache: store }), { responseModel: Person, messages });
    forgetModeCapabilities();
    const result = await structuredChatWithMetadata(auto(server, { cache: store }), { responseModel: Person, messages: [{ role: "user", content: "Mary is 30" }] });
    expect(result).toMatchObject({ modeUsed: Mode.TOOLS, cache: "miss" });
    expect(probes(server)).toHaveLength(1);
  });

  it("a cache hit sends nothing at all, not even the probe", async () => {
    const server = await serve({ answer: john });
    const store = memoryCacheStore();
    await structuredChatWithMetadata(createInstructor({ baseURL: server.baseURL, model: "m", cache: store }), { responseModel: Person, messages });
    const hit = await structuredChatWithMetadata(auto(server, { cache: store }), { model: "m", responseModel: Person, messages, mode: Mode.JSON });
    expect(hit.cache).toBe("hit");
    expect(probes(server)).toHaveLength(0);
  });
});

describe('mode "auto" with streams and errors', () => {
  it("createPartial streams in the mode picked (tool arguments on a server that ignores response_format)", async () => {
    const server = await serve({ answer: john, jsonSchema: "ignore", jsonObject: "ignore" });
    const events = await collect(createPartial(auto(server), { responseModel: Person, messages }));
    expect(events.at(-1)).toMatchObject({ done: true, data: john, modeUsed: Mode.TOOLS, constraintHonoured: true });
    expect(calls(server)).toEqual(["tools"]);
  });

  it("exhausted re-asks record the mode and the constraint of every attempt", async () => {
    const server = await serve({ jsonSchema: "ignore", jsonObject: "ignore", toolChoice: "ignore", freeText: () => "I cannot answer in JSON." });
    const error = await structuredChatWithMetadata(auto(server), { responseModel: Person, messages, maxRetries: 2 }).catch((caught: unknown) => caught);
    expect(RetriesExhaustedError.isInstance(error)).toBe(true);
    const attempts = (error as RetriesExhaustedError).attempts;
    expect(attempts.map((attempt) => [attempt.mode, attempt.constraintHonoured])).toEqual([
      ["tools", false],
      ["json", false],
      ["md_json", undefined],
    ]);
  });
});

describe("think: false", () => {
  it("is sent as each provider's own switch", async () => {
    const server = await serve({ answer: john });
    await structuredChatWithMetadata(fromProvider("ollama/qwen3", { environment: { OLLAMA_BASE_URL: server.baseURL }, mode: Mode.JSON_SCHEMA }), { responseModel: Person, messages, think: false });
    await structuredChatWithMetadata(fromProvider("vllm/qwen3", { baseURL: server.baseURL, mode: Mode.JSON_SCHEMA }), { responseModel: Person, messages, think: false });
    await structuredChatWithMetadata(fromProvider("vllm/qwen3", { baseURL: server.baseURL, mode: Mode.JSON_SCHEMA }), { responseModel: Person, messages, think: true });
    const bodies = server.requests.map((request) => request.body as Record<string, unknown>);
    expect(bodies[0]).toMatchObject({ reasoning_effort: "none" });
    expect(bodies[0]).not.toHaveProperty("think");
    expect(bodies[1]).toMatchObject({ chat_template_kwargs: { enable_thinking: false } });
    expect(bodies[2]).not.toHaveProperty("chat_template_kwargs");
    expect(bodies[2]).not.toHaveProperty("think");
  });

  it("is an error naming the field to send where the switch is unknown, before any request", async () => {
    const server = await serve({ answer: john });
    const error = await structuredChatWithMetadata(createInstructor({ baseURL: server.baseURL, model: "m" }), { responseModel: Person, messages, think: false }).catch(
      (caught: unknown) => caught,
    );
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/reasoning_effort: "none" \(Ollama\)/);
    expect(server.requests).toHaveLength(0);
  });
});

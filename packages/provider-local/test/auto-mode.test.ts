import { type ChatTransport, createInstructor, fromProvider, type InstructorClient, Mode, structuredChatWithMetadata } from "@cortex-ml/core";
import { Effect } from "effect";
import type { ChatCompletionCreateParamsNonStreaming } from "openai/resources/chat/completions";
import * as v from "valibot";
import { afterAll, describe, expect, it } from "vitest";
import { disposeLocalEngines } from "../src/index.js";
import { testModel, type TestModelName } from "./support/test-models.js";

// Real generation with the shared tiny models: structure and request counts only, never values.
const Person = v.object({ name: v.pipe(v.string(), v.maxLength(16)), age: v.number() });
const messages = [{ role: "user" as const, content: "John is 25." }];

const isProbe = (body: ChatCompletionCreateParamsNonStreaming) =>
  body.response_format?.type === "json_schema" && body.response_format.json_schema.name === "cortex_probe";

/** The real `local` provider's client, with its transport's requests counted (same endpoint, same engine). */
function countedLocalClient(model: TestModelName): { client: InstructorClient; bodies: ChatCompletionCreateParamsNonStreaming[]; probeMs: number[] } {
  const local = fromProvider(`local/${testModel(model)}`);
  const bodies: ChatCompletionCreateParamsNonStreaming[] = [];
  const probeMs: number[] = [];
  const inner = local.transport;
  const transport: ChatTransport = {
    ...inner,
    createCompletion: (body, options) => {
      bodies.push(body);
      if (!isProbe(body)) return inner.createCompletion(body, options);
      const started = performance.now();
      return Effect.ensuring(inner.createCompletion(body, options), Effect.sync(() => probeMs.push(performance.now() - started)));
    },
  };
  return { client: createInstructor({ transport, provider: local.provider, model: local.model, maxRetries: 3 }), bodies, probeMs };
}

describe('mode "auto" on the embedded local provider (real GGUF models)', () => {
  afterAll(async () => {
    await disposeLocalEngines();
  });

  it.each(["stories260K.gguf", "llama-2-tiny-random.gguf"] as const)("%s: picks JSON_SCHEMA, probed once for sequential and concurrent calls", async (model) => {
    const { client, bodies, probeMs } = countedLocalClient(model);
    expect(client.defaults.mode).toBe(Mode.AUTO);
    expect(client.baseURL).toBe(`local:${model}`);
    const concurrent = await Promise.all([1, 2, 3].map(() => structuredChatWithMetadata(client, { responseModel: Person, messages })));
    const later = await structuredChatWithMetadata(client, { responseModel: Person, messages });
    for (const result of [...concurrent, later]) {
      expect(v.is(Person, result.data)).toBe(true);
      expect(result).toMatchObject({ modeUsed: Mode.JSON_SCHEMA, constraintHonoured: true });
    }
    expect(bodies.filter(isProbe)).toHaveLength(1);
    expect(bodies.filter((body) => !isProbe(body)).every((body) => body.response_format?.type === "json_schema")).toBe(true);
    // The probe is a few grammar-forced tokens (64 at most): far under the 60 s test deadline even on a loaded machine.
    expect(probeMs[0]).toBeLessThan(20_000);
  });

  it("an explicit mode never probes", async () => {
    const { client, bodies } = countedLocalClient("stories260K.gguf");
    await structuredChatWithMetadata(client, { responseModel: Person, messages, mode: Mode.TOOLS });
    expect(bodies.filter(isProbe)).toHaveLength(0);
    expect(bodies[0]?.tool_choice).toMatchObject({ type: "function" });
  });
});

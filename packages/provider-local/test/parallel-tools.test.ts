import { InvalidArgumentError, iterable, Mode, union } from "@cortex-ml/core";
import { Effect } from "effect";
import * as v from "valibot";
import { afterAll, describe, expect, it } from "vitest";
import { createLocalTransport, disposeLocalEngines, fromLocalModel } from "../src/index.js";
import { testEngineSettings, testModel } from "./support/test-models.js";

const Weather = v.object({ city: v.pipe(v.string(), v.maxLength(12)) });
const Search = v.object({ query: v.pipe(v.string(), v.maxLength(12)) });
const messages = [{ role: "user" as const, content: "Weather in Paris, and search for cats." }];

describe("PARALLEL_TOOLS with stories260K", () => {
  afterAll(async () => {
    await disposeLocalEngines();
  });

  it("answers with 1 to maxToolCalls tool calls, each valid for its own tool", async () => {
    const local = fromLocalModel(testModel("stories260K.gguf"), { ...testEngineSettings, mode: Mode.PARALLEL_TOOLS, maxToolCalls: 3 });
    const items: unknown[] = [];
    for await (const item of local.chat.completions.createIterable({ responseModel: iterable(union({ Weather, Search })), messages })) items.push(item);
    expect(items.length).toBeGreaterThanOrEqual(1);
    expect(items.length).toBeLessThanOrEqual(3);
    const Tagged = v.variant("type", [v.object({ type: v.literal("Weather"), value: Weather }), v.object({ type: v.literal("Search"), value: Search })]);
    for (const item of items) expect(v.is(Tagged, item)).toBe(true);
  });

  it("returns the calls as message.tool_calls", async () => {
    const transport = createLocalTransport({ modelPath: testModel("stories260K.gguf"), ...testEngineSettings, maxToolCalls: 2 });
    const parameters = { type: "object", properties: { city: { type: "string", maxLength: 12 } } };
    const completion = await Effect.runPromise(
      transport.createCompletion(
        {
          model: "m",
          messages,
          tools: [
            { type: "function", function: { name: "Weather", parameters } },
            { type: "function", function: { name: "Other", parameters } },
          ],
          tool_choice: "auto",
        },
        {},
      ),
    );
    const calls = completion.choices[0]?.message.tool_calls ?? [];
    expect(completion.choices[0]?.finish_reason).toBe("tool_calls");
    expect(calls.length).toBeGreaterThanOrEqual(1);
    for (const call of calls) {
      expect(call.type === "function" && ["Weather", "Other"].includes(call.function.name)).toBe(true);
      expect(call.type === "function" ? JSON.parse(call.function.arguments) : undefined).toMatchObject({ city: expect.any(String) });
    }
  });

  it("rejects tool kinds it cannot run with a clear InvalidArgumentError", async () => {
    const transport = createLocalTransport({ modelPath: testModel("stories260K.gguf"), ...testEngineSettings });
    const error = await Effect.runPromise(
      Effect.flip(transport.createCompletion({ model: "m", messages, tools: [{ type: "custom", custom: { name: "x" } }] } as never, {})),
    );
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect(error.message).toContain("only function tools");
  });
});

import { Effect } from "effect";
import type OpenAI from "openai";
import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming } from "openai/resources/chat/completions";
import { describe, expect, it } from "vitest";
import { makeOpenAITransport } from "./openai-transport.js";

const completion: ChatCompletion = {
  id: "c",
  object: "chat.completion",
  created: 1,
  model: "m",
  choices: [{ index: 0, message: { role: "assistant", content: "{}", refusal: null }, finish_reason: "stop", logprobs: null }],
};
const body: ChatCompletionCreateParamsNonStreaming = { model: "m", messages: [{ role: "user", content: "hi" }] };

/** An `openai` client stand-in that records the request options of each create call. */
function fakeOpenAI(settings: { readonly timeout: number; readonly maxRetries: number }) {
  const seen: unknown[] = [];
  const openai = {
    baseURL: "http://127.0.0.1:1/v1",
    ...settings,
    chat: {
      completions: {
        create: (_body: unknown, options?: unknown) => {
          seen.push(options);
          return Promise.resolve(completion);
        },
      },
    },
  } as unknown as OpenAI;
  return { openai, seen };
}

describe("makeOpenAITransport createCompletion request options", () => {
  it("sends no request options when the client's own timeout and retries already apply", async () => {
    const { openai, seen } = fakeOpenAI({ timeout: 600_000, maxRetries: 0 });
    const transport = makeOpenAITransport(openai, []);
    await Effect.runPromise(transport.createCompletion(body, { timeoutMs: 600_000, interruptible: false }));
    await Effect.runPromise(transport.createCompletion(body, { interruptible: false }));
    expect(seen).toEqual([undefined, undefined]);
  });

  it("passes a timeout that differs from the client's, and turns the client's own retries off", async () => {
    const { openai, seen } = fakeOpenAI({ timeout: 600_000, maxRetries: 2 });
    const transport = makeOpenAITransport(openai, []);
    await Effect.runPromise(transport.createCompletion(body, { timeoutMs: 1_500, interruptible: false }));
    await Effect.runPromise(transport.createCompletion(body, { timeoutMs: 600_000, interruptible: false }));
    expect(seen).toEqual([{ maxRetries: 0, timeout: 1_500 }, { maxRetries: 0 }]);
  });

  it("passes an abort signal when the call is interruptible", async () => {
    const { openai, seen } = fakeOpenAI({ timeout: 600_000, maxRetries: 0 });
    const transport = makeOpenAITransport(openai, []);
    await Effect.runPromise(transport.createCompletion(body, { timeoutMs: 600_000 }));
    expect(seen).toHaveLength(1);
    expect((seen[0] as { signal?: unknown }).signal).toBeInstanceOf(AbortSignal);
    expect(seen[0]).toMatchObject({ maxRetries: 0 });
    expect(seen[0]).not.toHaveProperty("timeout");
  });
});

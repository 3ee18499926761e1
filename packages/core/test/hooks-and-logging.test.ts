import { completion, statusReply, useTestServer } from "@cortex-ml/test-server";
import * as v from "valibot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createInstructor, type HookName, structuredChat } from "../src/index.js";

const Person = v.object({ name: v.string(), age: v.pipe(v.number(), v.minValue(0)) });
const messages = [{ role: "user" as const, content: "John is 25" }];
const server = useTestServer({ beforeEach, afterEach });

function recorder() {
  const events: Array<{ name: HookName; attempt: number; maxAttempts: number }> = [];
  const hook = (name: HookName) => (event: { attempt: number; maxAttempts: number }) => events.push({ name, attempt: event.attempt, maxAttempts: event.maxAttempts });
  const hooks = {
    "completion:kwargs": hook("completion:kwargs"),
    "completion:response": hook("completion:response"),
    "completion:error": hook("completion:error"),
    "completion:last_attempt": hook("completion:last_attempt"),
    "parse:error": hook("parse:error"),
    "completion:usage": hook("completion:usage"),
  };
  return { events, hooks };
}

describe("hooks", () => {
  it("fire in order with the attempt number and the maximum", async () => {
    server.enqueue(completion('{"name":"John","age":-1}'), completion('{"name":"John","age":25}'));
    const { events, hooks } = recorder();
    await structuredChat(createInstructor({ baseURL: server.baseURL, hooks }), { model: "m", responseModel: Person, messages, maxRetries: 2 });
    expect(events.map((event) => `${event.name}#${event.attempt}/${event.maxAttempts}`)).toEqual([
      "completion:kwargs#1/3",
      "completion:response#1/3",
      "completion:usage#1/3",
      "parse:error#1/3",
      "completion:kwargs#2/3",
      "completion:response#2/3",
      "completion:usage#2/3",
    ]);
  });

  it("client hooks and call hooks both run; last_attempt fires when the last answer is rejected", async () => {
    server.enqueue(completion("nope"), completion("nope"));
    const client = recorder();
    const call = recorder();
    await structuredChat(createInstructor({ baseURL: server.baseURL, hooks: client.hooks }), {
      model: "m",
      responseModel: Person,
      messages,
      maxRetries: 1,
      hooks: call.hooks,
    }).catch(() => undefined);
    expect(client.events.filter((event) => event.name === "completion:last_attempt")).toEqual([
      { name: "completion:last_attempt", attempt: 2, maxAttempts: 2 },
    ]);
    expect(call.events).toEqual(client.events);
  });

  it("completion:kwargs sees the exact body, and completion:error the typed error", async () => {
    server.enqueue(statusReply(400, { error: { message: "bad request" } }));
    const seen: { request?: unknown; error?: unknown } = {};
    await structuredChat(createInstructor({ baseURL: server.baseURL }), {
      model: "m",
      responseModel: Person,
      messages,
      hooks: {
        "completion:kwargs": (event) => {
          seen.request = event.request;
        },
        "completion:error": (event) => {
          seen.error = event.error;
        },
      },
    }).catch(() => undefined);
    expect(seen.request).toEqual(server.requests[0]?.body);
    expect(seen.error).toMatchObject({ name: "ApiError", status: 400 });
  });

  it("a hook that throws is logged and never changes the outcome", async () => {
    server.enqueue(completion('{"name":"John","age":25}'));
    const warnings: string[] = [];
    const person = await structuredChat(createInstructor({ baseURL: server.baseURL, logger: { warn: (message) => warnings.push(message) } }), {
      model: "m",
      responseModel: Person,
      messages,
      hooks: {
        "completion:response": () => {
          throw new Error("observer bug");
        },
      },
    });
    expect(person).toEqual({ name: "John", age: 25 });
    expect(warnings[0]).toContain('"completion:response" hook threw and was ignored: observer bug');
  });

  it("completion:usage carries each attempt's usage and the running total", async () => {
    server.enqueue(completion('{"name":"J","age":-5}'), completion('{"name":"J","age":5}'));
    const totals: number[] = [];
    await structuredChat(createInstructor({ baseURL: server.baseURL }), {
      model: "m",
      responseModel: Person,
      messages,
      hooks: { "completion:usage": (event) => totals.push(event.totalUsage.totalTokens) },
    });
    expect(totals).toEqual([15, 30]);
  });
});

describe("logger", () => {
  it("logs a rejected answer with the field path and the schema fragment, never the key", async () => {
    const apiKey = "sk-secret-abcdefghijklmnop";
    server.enqueue(completion('{"name":"John","age":-3}'), completion('{"name":"John","age":3}'));
    const lines: string[] = [];
    const details: unknown[] = [];
    const logger = {
      warn: (message: string, detail?: unknown) => {
        lines.push(message);
        details.push(detail);
      },
    };
    await structuredChat(createInstructor({ baseURL: server.baseURL, apiKey, logger }), { model: "m", responseModel: Person, messages });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('answer failed validation (model "m", attempt 1/4)');
    expect(lines[0]).toContain("age: Invalid value");
    expect(lines[0]).toContain('schema: {"type":"number","minimum":0}');
    expect(JSON.stringify([lines, details])).not.toContain(apiKey);
  });
});

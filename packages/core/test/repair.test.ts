import { completion, useTestServer } from "@cortex-ml/test-server";
import * as v from "valibot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createInstructor, LengthLimitError, RetriesExhaustedError, structuredChat, structuredChatWithMetadata } from "../src/index.js";

const Person = v.object({ name: v.string(), age: v.number(), tags: v.array(v.string()) });
const messages = [{ role: "user" as const, content: "John is 25" }];
const server = useTestServer({ beforeEach, afterEach });

describe("repair: near-JSON answers are fixed instead of re-asked", () => {
  it("repairs single quotes, bare keys, trailing commas, a missing bracket and a number string in one answer, with no re-ask", async () => {
    server.enqueue(completion("{name: 'John', age: \"25\", tags: ['a', 'b',],"));
    const result = await structuredChatWithMetadata(createInstructor({ baseURL: server.baseURL, model: "m" }), { responseModel: Person, messages });
    expect(result.data).toEqual({ name: "John", age: 25, tags: ["a", "b"] });
    expect(result.attempts).toBe(1);
    // 3 bare keys, 3 single-quoted strings, 2 trailing commas (one dangling at the end), 1 bracket, 1 number string.
    expect(result.repairs).toEqual({ count: 10, kinds: ["unquoted-key", "single-quotes", "trailing-comma", "missing-bracket", "number-string"] });
    expect(server.requests).toHaveLength(1);
  });

  it("repairs a valid JSON answer whose number is a string", async () => {
    server.enqueue(completion('{"name":"John","age":"25","tags":[]}'));
    const result = await structuredChatWithMetadata(createInstructor({ baseURL: server.baseURL, model: "m" }), { responseModel: Person, messages });
    expect(result.data.age).toBe(25);
    expect(result.repairs).toEqual({ count: 1, kinds: ["number-string"] });
  });

  it("leaves a valid answer alone: no repairs in the metadata", async () => {
    server.enqueue(completion('{"name":"John","age":25,"tags":["x"]}'));
    const result = await structuredChatWithMetadata(createInstructor({ baseURL: server.baseURL, model: "m" }), { responseModel: Person, messages });
    expect(result.repairs).toBeUndefined();
  });

  it("repair: false (per call or per client) re-asks instead", async () => {
    server.enqueue(completion("{name: 'John', age: 25, tags: []}"), completion('{"name":"John","age":25,"tags":[]}'));
    const perCall = await structuredChatWithMetadata(createInstructor({ baseURL: server.baseURL, model: "m" }), { responseModel: Person, messages, repair: false });
    expect(perCall.attempts).toBe(2);
    expect(perCall.rejectedAttempts[0]?.failure).toBe("parse");
    server.enqueue(completion('{"name":"John","age":"25","tags":[]}'), completion('{"name":"John","age":25,"tags":[]}'));
    const perClient = await structuredChatWithMetadata(createInstructor({ baseURL: server.baseURL, model: "m", repair: false }), { responseModel: Person, messages });
    expect(perClient.attempts).toBe(2);
    expect(perClient.repairs).toBeUndefined();
  });

  it("never repairs a cut-off answer (finish_reason length)", async () => {
    server.enqueue(completion('{"name":"John","age":25,"tags":["a"', { finishReason: "length" }));
    const error = await structuredChat(createInstructor({ baseURL: server.baseURL, model: "m" }), { responseModel: Person, messages }).catch((caught: unknown) => caught);
    expect(LengthLimitError.isInstance(error)).toBe(true);
  });

  it("re-asks with the issues of the repaired answer when it still does not validate", async () => {
    server.enqueue(completion("{name: 'John', age: 'old', tags: []}"), completion("{name: 'John', age: 'older', tags: []}"));
    const error = (await structuredChat(createInstructor({ baseURL: server.baseURL, model: "m", maxRetries: 1 }), { responseModel: Person, messages }).catch(
      (caught: unknown) => caught,
    )) as RetriesExhaustedError;
    expect(RetriesExhaustedError.isInstance(error)).toBe(true);
    expect(error.attempts[0]).toMatchObject({ failure: "validation", rawOutput: "{name: 'John', age: 'old', tags: []}" });
    expect(error.attempts[0]?.issues[0]?.path).toBe("age");
    const reask = JSON.stringify(server.requests[1]?.body);
    expect(reask).toContain("age");
  });

  it("rejects repair that is not a boolean", async () => {
    expect(() => createInstructor({ repair: "yes" as never })).toThrow(/repair/);
  });
});

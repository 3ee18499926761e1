import { completion, useTestServer } from "@cortex-ml/test-server";
import { Effect, Either, Fiber } from "effect";
import * as v from "valibot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createInstructor, structuredChat, structuredChatWithMetadata } from "../src/effect.js";

const Person = v.object({ name: v.string(), age: v.number() });
const messages = [{ role: "user" as const, content: "John is 25" }];
const server = useTestServer({ beforeEach, afterEach });

describe("the Effect API", () => {
  it("succeeds with the validated object", async () => {
    server.enqueue(completion('{"name":"John","age":25}'));
    const person = await Effect.runPromise(structuredChat(createInstructor({ baseURL: server.baseURL }), { model: "m", responseModel: Person, messages }));
    expect(person).toEqual({ name: "John", age: 25 });
  });

  it("puts typed failures in the error channel, catchable by tag", async () => {
    server.enqueue(completion("nope"), completion("still nope"));
    const client = createInstructor({ baseURL: server.baseURL, maxRetries: 1 });
    const recovered = await Effect.runPromise(
      structuredChatWithMetadata(client, { model: "m", responseModel: Person, messages }).pipe(
        Effect.map(() => "unexpected"),
        Effect.catchTag("RetriesExhaustedError", (error) => Effect.succeed(`exhausted after ${error.attempts.length}`)),
      ),
    );
    expect(recovered).toBe("exhausted after 2");
  });

  it("fails with ModelNotFoundError as a value, not a defect", async () => {
    server.enqueue({ kind: "status", status: 404, body: { error: { message: 'model "x" not found, try pulling it first' } } });
    const result = await Effect.runPromise(Effect.either(structuredChat(createInstructor({ baseURL: server.baseURL }), { model: "x", responseModel: Person, messages })));
    expect(Either.isLeft(result) && result.left._tag).toBe("ModelNotFoundError");
  });

  it("interruption closes the HTTP request at once", async () => {
    server.enqueue(completion('{"name":"A","age":1}', { delayMs: 10_000 }));
    const client = createInstructor({ baseURL: server.baseURL });
    const started = Date.now();
    await Effect.runPromise(
      Effect.gen(function* () {
        const fiber = yield* Effect.fork(structuredChat(client, { model: "m", responseModel: Person, messages }));
        // Interrupt once the request is on the server (not after a fixed sleep, which a loaded machine can outrun).
        for (let poll = 0; poll < 500 && server.requests.length === 0; poll += 1) yield* Effect.sleep("10 millis");
        const interrupting = Date.now();
        yield* Fiber.interrupt(fiber);
        expect(Date.now() - interrupting).toBeLessThan(2_000);
      }),
    );
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(server.requests).toHaveLength(1);
  });
});

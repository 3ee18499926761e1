import { contentDeltaChunks, streamReply, useTestServer } from "@cortex-ml/test-server";
import { Effect, Fiber, Stream } from "effect";
import * as v from "valibot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createInstructor, createPartial, RequestAbortedError } from "../src/index.js";
import { createPartial as createPartialStream } from "../src/effect.js";

const User = v.object({ name: v.string() });
const messages = [{ role: "user" as const, content: "hi" }];
const server = useTestServer({ beforeEach, afterEach });

const slowStream = () => streamReply(contentDeltaChunks('{"name":"a very slow and very long name indeed"}', 1), { chunkDelayMs: 100 });

describe("cancelling a stream", () => {
  it("an AbortSignal ends the stream with RequestAbortedError, at once", async () => {
    server.enqueue(slowStream());
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 250);
    const started = Date.now();
    const error = await (async () => {
      for await (const _event of createPartial(createInstructor({ baseURL: server.baseURL }), { model: "m", responseModel: User, messages, signal: controller.signal })) {
        // consume
      }
    })().catch((caught: unknown) => caught);
    expect(RequestAbortedError.isInstance(error)).toBe(true);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("interrupting the Effect stream closes the request at once", async () => {
    server.enqueue(slowStream());
    const client = createInstructor({ baseURL: server.baseURL });
    const started = Date.now();
    const seen = await Effect.runPromise(
      Effect.gen(function* () {
        let events = 0;
        const fiber = yield* Effect.fork(
          Stream.runForEach(createPartialStream(client, { model: "m", responseModel: User, messages }), () => Effect.sync(() => void (events += 1))),
        );
        yield* Effect.sleep("400 millis");
        yield* Fiber.interrupt(fiber);
        return events;
      }),
    );
    expect(seen).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

import { createServer, type IncomingMessage, type Server } from "node:http";
import { Effect, Fiber } from "effect";
import * as v from "valibot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createInstructor, createPartial, structuredChat } from "../src/index.js";
import { structuredChat as structuredChatEffect } from "../src/effect.js";

const Person = v.object({ name: v.string() });
const messages = [{ role: "user" as const, content: "hi" }];
let server: Server;
let baseURL: string;
let closedAt: number[];

/** A server that never finishes answering (a slow stream, or no answer at all) and notes when the client hangs up. */
beforeEach(async () => {
  closedAt = [];
  server = createServer((request: IncomingMessage, response) => {
    request.on("data", () => undefined);
    response.on("close", () => closedAt.push(Date.now()));
    request.on("end", () => {
      if (request.headers.accept?.includes("text/event-stream") || request.url?.includes("chat")) {
        response.writeHead(200, { "content-type": "text/event-stream" });
        const chunk = (content: string) => `data: ${JSON.stringify({ id: "c", object: "chat.completion.chunk", created: 1, model: "m", choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;
        response.write(chunk('{"name":"'));
        const timer = setInterval(() => response.write(chunk("a")), 50);
        response.on("close", () => clearInterval(timer));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  baseURL = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/v1`;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function waitForClose(since: number): Promise<number> {
  for (let waited = 0; waited < 2_000 && closedAt.length === 0; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(closedAt.length).toBe(1);
  return (closedAt[0] ?? Number.POSITIVE_INFINITY) - since;
}

describe("cancelling closes the socket at once (the server sees the client hang up)", () => {
  it("breaking out of createPartial", async () => {
    let stoppedAt = 0;
    for await (const event of createPartial(createInstructor({ baseURL }), { model: "m", responseModel: Person, messages })) {
      if (!event.done && (event.data.name?.length ?? 0) >= 3) {
        stoppedAt = Date.now();
        break;
      }
    }
    expect(await waitForClose(stoppedAt)).toBeLessThan(300);
  });

  it("an AbortSignal on structuredChat", async () => {
    const controller = new AbortController();
    const pending = structuredChat(createInstructor({ baseURL }), { model: "m", responseModel: Person, messages, signal: controller.signal }).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const abortedAt = Date.now();
    controller.abort();
    expect((await pending as Error).name).toBe("RequestAbortedError");
    expect(await waitForClose(abortedAt)).toBeLessThan(300);
  });

  it("Effect interruption of structuredChat", async () => {
    const interruptedAt = await Effect.runPromise(
      Effect.gen(function* () {
        const fiber = yield* Effect.fork(structuredChatEffect(createInstructor({ baseURL }), { model: "m", responseModel: Person, messages }));
        yield* Effect.sleep("200 millis");
        const at = Date.now();
        yield* Fiber.interrupt(fiber);
        return at;
      }),
    );
    expect(await waitForClose(interruptedAt)).toBeLessThan(300);
  });
});

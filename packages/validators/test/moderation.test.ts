import { createServer, type Server } from "node:http";
import { createInstructor, structuredChat } from "@cortex-ml/core";
import { completion, startTestServer, type TestServer } from "@cortex-ml/test-server";
import * as v from "valibot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { moderation, ModerationUnavailableError } from "../src/index.js";

let server: TestServer;
let moderations: Server;
let moderationsURL: string;
let moderationRequests: unknown[];

beforeEach(async () => {
  server = await startTestServer();
  moderationRequests = [];
  moderations = createServer((request, response) => {
    let text = "";
    request.on("data", (chunk: Buffer) => {
      text += chunk.toString();
    });
    request.on("end", () => {
      const body = JSON.parse(text) as { input: string };
      moderationRequests.push(body);
      const flagged = body.input.includes("hate");
      response.writeHead(200, { "content-type": "application/json" });
      response.end(
        JSON.stringify({
          id: "modr-1",
          model: "omni-moderation-latest",
          results: [{ flagged, categories: { hate: flagged, violence: false }, category_scores: { hate: flagged ? 0.9 : 0.01, violence: 0 } }],
        }),
      );
    });
  });
  await new Promise<void>((resolve) => moderations.listen(0, "127.0.0.1", resolve));
  const address = moderations.address();
  moderationsURL = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/v1`;
});
afterEach(async () => {
  await server.close();
  await new Promise<void>((resolve) => moderations.close(() => resolve()));
});

describe("moderation", () => {
  it("fails with the flagged categories, so the call re-asks", async () => {
    const moderator = createInstructor({ baseURL: moderationsURL, apiKey: "sk-mod-123456789" });
    const Comment = v.objectAsync({ text: v.pipeAsync(v.string(), moderation({ client: moderator })) });
    server.enqueue(completion('{"text":"I hate you"}'), completion('{"text":"I disagree with you"}'));
    const result = await structuredChat(createInstructor({ baseURL: server.baseURL }), {
      model: "m",
      responseModel: Comment,
      messages: [{ role: "user", content: "reply" }],
    });
    expect(result).toEqual({ text: "I disagree with you" });
    expect(moderationRequests).toEqual([
      { input: "I hate you", model: "omni-moderation-latest" },
      { input: "I disagree with you", model: "omni-moderation-latest" },
    ]);
    const reask = (server.requests[1]?.body as { messages: Array<{ content: string }> }).messages.at(-1)?.content;
    expect(reask).toContain("flagged by moderation: hate");
  });

  it("against an endpoint without /moderations (Ollama) fails clearly at first use", async () => {
    const client = createInstructor({ baseURL: server.baseURL });
    const Comment = v.objectAsync({ text: v.pipeAsync(v.string(), moderation({ client })) });
    server.enqueue(completion('{"text":"hello"}'));
    const error = await structuredChat(client, { model: "m", responseModel: Comment, messages: [{ role: "user", content: "hi" }] }).catch(
      (caught: unknown) => caught,
    );
    expect(ModerationUnavailableError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain("has no /moderations endpoint");
  });
});

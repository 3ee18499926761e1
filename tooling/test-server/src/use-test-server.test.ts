import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { completion } from "./completion.js";
import { useTestServer } from "./use-test-server.js";

describe("useTestServer", () => {
  const server = useTestServer({ beforeEach, afterEach }, { models: ["m1"] });
  let firstPort = 0;

  it("gives each test a running server", async () => {
    server.enqueue(completion("hello"));
    const response = await fetch(`${server.baseURL}/chat/completions`, { method: "POST", body: "{}" });
    expect(((await response.json()) as { choices: Array<{ message: { content: string } }> }).choices[0]?.message.content).toBe("hello");
    expect(server.requests).toHaveLength(1);
    firstPort = server.port;
  });

  it("and a fresh one for the next test", async () => {
    expect(server.requests).toHaveLength(0);
    expect(server.port).not.toBe(firstPort);
    const models = await fetch(`${server.baseURL}/models`);
    expect(((await models.json()) as { data: Array<{ id: string }> }).data.map((model) => model.id)).toEqual(["m1"]);
  });
});

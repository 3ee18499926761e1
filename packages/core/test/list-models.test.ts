import { useTestServer } from "@cortex-ml/test-server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConnectionError, createInstructor, listModels } from "../src/index.js";

const server = useTestServer({ beforeEach, afterEach }, { models: ["llama3.2", "qwen2.5:0.5b"] });

describe("listModels", () => {
  it("lists the model ids of the endpoint", async () => {
    expect(await listModels(createInstructor({ baseURL: server.baseURL }))).toEqual(["llama3.2", "qwen2.5:0.5b"]);
  });

  it("rejects with ConnectionError when nothing listens", async () => {
    const client = createInstructor({ baseURL: "http://127.0.0.1:1/v1", transportRetry: { maxRetries: 0 } });
    const error = await listModels(client).catch((caught: unknown) => caught);
    expect(ConnectionError.isInstance(error)).toBe(true);
  });
});

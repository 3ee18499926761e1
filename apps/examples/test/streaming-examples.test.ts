import { contentDeltaChunks, streamReply, type TestServer, useTestServer } from "@cortex-ml/test-server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runExample } from "./run-example.js";

const server = useTestServer({ beforeEach, afterEach });

const environment = () => ({ OLLAMA_BASE_URL: server.baseURL, CORTEX_MODEL: "llama3.2" });

describe("streaming examples", () => {
  it("partial-user-profile.ts prints the profile field by field, then the final object", async () => {
    server.enqueue(streamReply(contentDeltaChunks('{"name":"Ada Lovelace","age":36,"bio":"First programmer."}', 6)));
    const run = await runExample("streaming/partial-user-profile.ts", environment());
    expect(run.stderr).toBe("");
    const lines = run.stdout.trim().split("\n");
    expect(lines.filter((line) => line.startsWith("partial:")).length).toBeGreaterThan(3);
    expect(lines).toContain('partial: {"name":"Ada Lovelace","age":36}');
    expect(lines.at(-1)).toBe("final: { name: 'Ada Lovelace', age: 36, bio: 'First programmer.' }");
  });

  it("weather-and-search.ts yields one validated action per tool call", async () => {
    const base = { id: "c", object: "chat.completion.chunk", created: 1, model: "m" };
    const call = (index: number, name: string, args: string) => ({
      ...base,
      choices: [{ index: 0, delta: { tool_calls: [{ index, id: `call_${index}`, type: "function", function: { name, arguments: args } }] }, finish_reason: null }],
    });
    server.enqueue(
      streamReply([
        call(0, "Weather", '{"location":"NYC","units":"imperial"}'),
        call(1, "GoogleSearch", '{"query":"Super Bowl 2024 winner"}'),
        { ...base, choices: [{ index: 0, delta: {}, finish_reason: "tool_calls" }] },
      ]),
    );
    const run = await runExample("parallel-tools/weather-and-search.ts", environment());
    expect(run.stderr).toBe("");
    expect(run.stdout.trim().split("\n")).toEqual(["weather lookup: NYC (imperial)", "web search: Super Bowl 2024 winner"]);
  });
});

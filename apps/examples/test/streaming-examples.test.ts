import { contentDeltaChunks, streamReply, useTestServer, wholeToolCallChunks } from "@cortex-ml/test-server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { withoutLocalGrammar } from "./local-grammar-modes.js";
import { readmeExampleCommand } from "./readme-commands.js";
import { runCommand } from "./run-example.js";

const server = useTestServer({ beforeEach, afterEach });

const environment = () => ({ OLLAMA_BASE_URL: server.baseURL, CORTEX_MODEL: "llama3.2" });

describe("streaming examples, run as README writes them", () => {
  it("partial prints the profile field by field, then the final object", async () => {
    server.enqueue(streamReply(contentDeltaChunks('{"name":"Ada Lovelace","age":36,"bio":"First programmer."}', 6)));
    const run = await runCommand(readmeExampleCommand("partial"), environment());
    expect(run.stderr).toBe("");
    const lines = run.stdout.trim().split("\n");
    expect(lines.filter((line) => line.startsWith("partial:")).length).toBeGreaterThan(3);
    expect(lines).toContain('partial: {"name":"Ada Lovelace","age":36}');
    expect(lines.at(-1)).toBe("final: { name: 'Ada Lovelace', age: 36, bio: 'First programmer.' }");
    expect(withoutLocalGrammar(server.requests)).toEqual([]);
  });

  it("parallel yields one validated action per tool call", async () => {
    server.enqueue(
      streamReply(
        wholeToolCallChunks([
          { name: "Weather", arguments: '{"location":"NYC","units":"imperial"}' },
          { name: "GoogleSearch", arguments: '{"query":"Super Bowl 2024 winner"}' },
        ]),
      ),
    );
    const run = await runCommand(readmeExampleCommand("parallel"), environment());
    expect(run.stderr).toBe("");
    expect(run.stdout.trim().split("\n")).toEqual(["weather lookup: NYC (imperial)", "web search: Super Bowl 2024 winner"]);
    expect(withoutLocalGrammar(server.requests)).toEqual([]);
  });
});

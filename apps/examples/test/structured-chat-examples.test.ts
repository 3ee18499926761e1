import { completion, useTestServer } from "@cortex-ml/test-server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { withoutLocalGrammar } from "./local-grammar-modes.js";
import { readmeExampleCommand } from "./readme-commands.js";
import { runCommand, runExample } from "./run-example.js";

const server = useTestServer({ beforeEach, afterEach });

const environment = () => ({ OLLAMA_BASE_URL: server.baseURL, CORTEX_MODEL: "llama3.2" });

describe("structured-chat examples, run as README writes them", () => {
  it("person prints the validated Person", async () => {
    server.enqueue(completion('{"name":"John","age":25}'));
    const run = await runCommand(readmeExampleCommand("person"), environment());
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("{ name: 'John', age: 25 }");
    expect(server.requests[0]?.body).toMatchObject({ model: "llama3.2", temperature: 0, seed: 42 });
    expect(withoutLocalGrammar(server.requests)).toEqual([]);
  });

  it("person.ts prints one clear line when the server is not there", async () => {
    const run = await runExample("structured-chat/person.ts", { OLLAMA_BASE_URL: "http://127.0.0.1:1/v1" });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toContain("ollama serve");
  });

  it("concurrent runs two calls at once", async () => {
    server.enqueue(completion('{"name":"Jane","age":30}'), completion('{"name":"Bob","age":41}'));
    const run = await runCommand(readmeExampleCommand("concurrent"), environment());
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/name: '(Jane|Bob)'/);
    expect(server.requests).toHaveLength(2);
    expect(withoutLocalGrammar(server.requests)).toEqual([]);
  });

  it("low-level wraps an explicit OpenAI client", async () => {
    server.enqueue(completion('{"name":"John","age":25}'));
    const run = await runCommand(readmeExampleCommand("low-level"), environment());
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("{ name: 'John', age: 25 }");
    expect(server.requests[0]?.body).toMatchObject({ response_format: { type: "json_schema" } });
  });

  it("effect runs the Effect program and handles typed errors, each in one line with exit code 1", async () => {
    server.enqueue(completion('{"name":"Jane","age":30}'));
    const run = await runCommand(readmeExampleCommand("effect"), environment());
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("{ name: 'Jane', age: 30 }");
    expect(withoutLocalGrammar(server.requests)).toEqual([]);
    server.enqueue({ kind: "status", status: 404, body: { error: { message: 'model "llama3.2" not found, try pulling it first' } } });
    const missing = await runExample("structured-chat/effect-person.ts", environment());
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("ollama pull llama3.2");
    server.enqueue(completion('{"name":"Jane"', { finishReason: "length" }));
    const truncated = await runExample("structured-chat/effect-person.ts", environment());
    expect(truncated.code).toBe(1);
    expect(truncated.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^LengthLimitError: /)]);
  });
});

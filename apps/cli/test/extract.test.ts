import { join } from "node:path";
import { completion, contentDeltaChunks, streamReply, useTestServer } from "@cortex-ml/test-server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli, runCliInTerminal } from "./run-cli.js";

const fixtures = join(import.meta.dirname, "fixtures");
const server = useTestServer({ beforeEach, afterEach });

const environment = () => ({ OLLAMA_BASE_URL: server.baseURL });

describe("cortex-ml extract", () => {
  it("extracts with a JSON Schema file and prints the validated JSON", async () => {
    // Ollama's default mode "auto" probes the endpoint+model once (request 0).
    server.enqueue(completion('{"cortex_probe":"ok"}'), completion('{"name":"John","age":"25"}'), completion('{"name":"John","age":25}'));
    const run = await runCli(["extract", "John is 25 years old", "--schema", join(fixtures, "person.json"), "--model", "llama3.2"], environment());
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ name: "John", age: 25 });
    const body = server.requests[1]?.body as { model: string; response_format: { type: string; json_schema: { name: string } } };
    expect(body.model).toBe("llama3.2");
    // Ollama's best mode when the probe shows it applied: JSON_SCHEMA (constrained decoding).
    expect(body.response_format.json_schema.name).toBe("Person");
  });

  it("takes a Valibot schema from a TypeScript module and the text from stdin", async () => {
    server.enqueue(completion('{"cortex_probe":"ok"}'), completion('{"title":"Sync","attendees":["Ann","Bo"],"date":"2024-05-02"}'));
    const run = await runCli(["extract", "--schema", `${join(fixtures, "models.ts")}#Meeting`, "--compact"], environment(), "Sync with Ann and Bo on 2024-05-02");
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('{"title":"Sync","attendees":["Ann","Bo"],"date":"2024-05-02"}\n');
    const messages = (server.requests[1]?.body as { messages: Array<{ content: string }> }).messages;
    expect(messages.at(-1)?.content).toBe("Sync with Ann and Bo on 2024-05-02");
  });

  it("passes --mode, --max-retries, --temperature and --seed to the request", async () => {
    server.enqueue(completion("not json"), completion("still not json"));
    const run = await runCli(
      ["extract", "x", "--schema", `${join(fixtures, "models.ts")}#Person`, "--mode", "json", "--max-retries", "1", "--temperature", "0.2", "--seed", "7"],
      environment(),
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^cortex-ml: RetriesExhaustedError: .*2 attempt\(s\)/);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[0]?.body).toMatchObject({ temperature: 0.2, seed: 7, response_format: { type: "json_object" } });
  });

  it("--stream prints only the final JSON when piped", async () => {
    server.enqueue(completion('{"cortex_probe":"ok"}'), streamReply(contentDeltaChunks('{"name":"Streamed","age":3}', 3)));
    const run = await runCli(["extract", "x", "--schema", join(fixtures, "person.json"), "--stream"], environment());
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ name: "Streamed", age: 3 });
  });

  it("--stream renders the object live on a terminal", async () => {
    server.enqueue(completion('{"cortex_probe":"ok"}'), streamReply(contentDeltaChunks('{"name":"Live Render","age":42}', 2), { chunkDelayMs: 5 }));
    const run = await runCliInTerminal(["extract", "x", "--schema", join(fixtures, "person.json"), "--stream", "--compact"], environment());
    expect(run.code).toBe(0);
    // Partial frames were drawn and erased with cursor movements, then the final JSON printed.
    expect(run.output).toContain('"name": "Live');
    expect(run.output).toMatch(/\u001b\[\d+F\u001b\[0J/);
    expect(run.output.trimEnd().endsWith('{"name":"Live Render","age":42}')).toBe(true);
  });

  it("names the fix for a bad --schema", async () => {
    const missingExport = await runCli(["extract", "x", "--schema", `${join(fixtures, "models.ts")}#Nope`], environment());
    expect(missingExport.code).toBe(2);
    expect(missingExport.stderr).toContain('has no export "Nope" (schema exports: Meeting, Person)');
    const ambiguous = await runCli(["extract", "x", "--schema", join(fixtures, "models.ts")], environment());
    expect(ambiguous.stderr).toContain("name the schema to use, e.g. --schema");
    const none = await runCli(["extract", "x"], environment());
    expect(none.stderr).toContain("--schema is required");
  });

  it("exit 4 with `ollama pull` for a missing model", async () => {
    const missing = { kind: "status", status: 404, body: { error: { message: 'model "qwen3" not found, try pulling it first' } } } as const;
    // The probe of mode "auto" meets the 404 first (and shows nothing); the call itself then fails with it.
    server.enqueue(missing, missing);
    const run = await runCli(["extract", "x", "--schema", join(fixtures, "person.json"), "--model", "qwen3"], environment());
    expect(run.code).toBe(4);
    expect(run.stderr).toContain("ollama pull qwen3");
  });

  it("reads the provider from --model provider/model, and names the missing key variable and --api-key (usage error)", async () => {
    const run = await runCli(["extract", "x", "--schema", join(fixtures, "person.json"), "--model", "openai/gpt-4o"], { OPENAI_API_KEY: "" });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Set OPENAI_API_KEY (export OPENAI_API_KEY=...) or pass --api-key KEY");
  });
});

import { completion, useTestServer } from "@cortex-ml/test-server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

const server = useTestServer({ beforeEach, afterEach }, { models: ["llama3.2:latest"] });

describe("cortex-ml doctor", () => {
  it("passes every check against a working endpoint", async () => {
    server.enqueue(completion('{"answer":"yes","count":3}'), completion('{"answer":"yes","count":3}'));
    const run = await runCli(["doctor", "--model", "llama3.2"], { OLLAMA_BASE_URL: server.baseURL });
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split("\n");
    expect(lines).toHaveLength(4);
    expect(lines.every((line) => line.startsWith("ok  "))).toBe(true);
    expect(lines[0]).toContain("answers (1 model)");
    expect(lines[2]).toMatch(/^ok {3}json mode: valid structured answer/);
    expect(lines[3]).toMatch(/^ok {3}json_schema mode/);
    const formats = server.requests.map((request) => (request.body as { response_format: { type: string } }).response_format.type);
    expect(formats).toEqual(["json_object", "json_schema"]);
  });

  it("says `ollama pull` for a missing model, exit 4", async () => {
    const run = await runCli(["doctor", "--model", "phi3"], { OLLAMA_BASE_URL: server.baseURL });
    expect(run.code).toBe(4);
    expect(run.stdout).toContain("FAIL model");
    expect(run.stdout).toContain("fix: Run `ollama pull phi3`");
    expect(server.requests).toHaveLength(0);
  });

  it("says `ollama serve` when nothing listens, exit 3, and reports JSON for scripts", async () => {
    const run = await runCli(["doctor", "--json", "--base-url", "http://127.0.0.1:1/v1"]);
    expect(run.code).toBe(3);
    const report = JSON.parse(run.stdout) as { ok: boolean; checks: Array<{ name: string; ok: boolean; fix?: string }> };
    expect(report.ok).toBe(false);
    expect(report.checks[0]).toMatchObject({ name: "endpoint", ok: false });
    expect(report.checks[0]?.fix).toContain("ollama serve");
  });

  it("reports a mode that does not give valid JSON, exit 1", async () => {
    server.enqueue(completion("nope"), completion("nope"), completion('{"answer":"yes","count":3}'));
    const run = await runCli(["doctor", "--model", "llama3.2"], { OLLAMA_BASE_URL: server.baseURL });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("FAIL json mode");
    expect(run.stdout).toContain("fix: the model did not produce valid JSON");
    expect(run.stdout).toMatch(/ok {3}json_schema mode/);
  });
});

import { completion, statusReply, toolCallCompletion, useTestServer } from "@cortex-ml/test-server";
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

  it("a failing mode the calls do not use is a warning with its fix (invalid JSON), exit 0", async () => {
    server.enqueue(completion("nope"), completion("nope"), completion('{"answer":"yes","count":3}'));
    const run = await runCli(["doctor", "--model", "llama3.2"], { OLLAMA_BASE_URL: server.baseURL });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^warn json mode: /m);
    expect(run.stdout).toContain("     fix: only for --mode json: the answer was not valid JSON (");
    expect(run.stdout).toMatch(/^ok {3}json_schema mode: valid structured answer in \d+ ms \(the default mode\)$/m);
  });

  it("the mode the calls use fails the check, and the fix says the fields were wrong, exit 1", async () => {
    const wrongFields = completion('{"answer":"maybe","count":"three"}');
    server.enqueue(completion('{"answer":"yes","count":3}'), wrongFields, wrongFields);
    const run = await runCli(["doctor", "--model", "llama3.2"], { OLLAMA_BASE_URL: server.baseURL });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^ok {3}json mode/m);
    expect(run.stdout).toMatch(/^FAIL json_schema mode: /m);
    expect(run.stdout).toMatch(/^ {5}fix: the answer was valid JSON with the wrong fields \(answer: .*count: .*\): try a larger model, or another --mode$/m);
  });

  it("--mode json makes that mode the one that counts", async () => {
    server.enqueue(completion("nope"), completion("nope"), completion('{"answer":"yes","count":3}'));
    const run = await runCli(["doctor", "--model", "llama3.2", "--mode", "json"], { OLLAMA_BASE_URL: server.baseURL });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^FAIL json mode: /m);
    expect(run.stdout).toContain("     fix: the answer was not valid JSON (");
    expect(run.stdout).toContain("try --mode json_schema");
  });

  it("checks the mode a provider uses by default, and skips the modes it does not offer", async () => {
    server.enqueue(toolCallCompletion([{ name: "Probe", arguments: '{"answer":"yes","count":3}' }]));
    const run = await runCli(["doctor", "--provider", "anthropic", "--api-key", "k", "--base-url", server.baseURL, "--model", "llama3.2:latest"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ok {3}json mode: not offered by anthropic; skipped$/m);
    expect(run.stdout).toMatch(/^ok {3}tools mode: valid structured answer in \d+ ms \(the default mode\)$/m);
    expect(server.requests).toHaveLength(1);
  });

  it.each([
    ["invalid JSON", [completion("{\"answer\": yes maybe"), completion("{\"answer\": yes maybe")], "the answer was not valid JSON"],
    ["wrong fields", [completion('{"answer":1}'), completion('{"answer":1}')], "the answer was valid JSON with the wrong fields (answer: "],
    ["an empty answer", [completion(""), completion("")], "the answer was empty"],
    ["a rejected request", [statusReply(400, { error: { message: "bad response_format" } })], "the server rejected the json request, so it may not take this mode: use --mode auto"],
    ["a refused API key", [statusReply(401, { error: { message: "bad key" } })], "the server refused the API key: check --api-key (or $OLLAMA_API_KEY)"],
  ])("every failing check has a fix that says what went wrong: %s", async (_, replies, fix) => {
    server.enqueue(...replies, completion('{"answer":"yes","count":3}'));
    const run = await runCli(["doctor", "--json", "--model", "llama3.2"], { OLLAMA_BASE_URL: server.baseURL });
    const report = JSON.parse(run.stdout) as { ok: boolean; checks: Array<{ name: string; status: string; fix?: string }> };
    expect(report.ok).toBe(true);
    expect(report.checks.find((check) => check.name === "json mode")).toMatchObject({ status: "warn", fix: expect.stringContaining(fix) });
    expect(report.checks.filter((check) => check.status !== "ok").every((check) => (check.fix ?? "") !== "")).toBe(true);
  });
});

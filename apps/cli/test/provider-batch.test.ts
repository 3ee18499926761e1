import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BatchApiServer, type BatchItemScript, startBatchApiServer } from "@cortex-ml/test-server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { binary, runCli } from "./run-cli.js";

const personSchema = join(import.meta.dirname, "fixtures", "person.json");
const valid = (name: string, age: number): BatchItemScript => ({ kind: "answer", json: { name, age } });
const invalid: BatchItemScript = { kind: "answer", json: { name: "Bo", age: -4 } };

interface OutputLine {
  line: number;
  id?: unknown;
  ok: boolean;
  data?: unknown;
  error?: { name: string; message: string };
  ledger?: { attempts: number; reasks: number; resends: number; usage: { totalTokens: number } };
}

let directory: string;
let server: BatchApiServer | undefined;
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), "cortex-provider-batch-cli-"));
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  rmSync(directory, { recursive: true, force: true });
});

function writeInput(): string {
  const path = join(directory, "input.jsonl");
  writeFileSync(path, ['{"id":"a","text":"Ann is 30"}', '{"id":"b","text":"Bo is 40"}', "not json", '{"id":"c","text":"Cy is 50"}', ""].join("\n"));
  return path;
}

function readOutput(path: string): OutputLine[] {
  return readFileSync(path, "utf8").split("\n").filter(Boolean).map((line) => JSON.parse(line) as OutputLine);
}

const script = { r0: [valid("Ann", 30)], r1: [invalid, valid("Bo", 40)], r2: [{ kind: "truncated" as const, text: '{"name":"C' }] };

describe("cortex-ml batch --via", () => {
  it.each(["openai-batch", "anthropic-batch"])("runs the records through %s: re-asks in a second batch, failures as records, a ledger per line", async (via) => {
    server = await startBatchApiServer({ script });
    const output = join(directory, "out.jsonl");
    const run = await runCli(
      ["batch", writeInput(), "-o", output, "--schema", personSchema, "--model", "test-model", "--via", via, "--base-url", server.baseURL, "--poll-interval", "5ms"],
      { OPENAI_API_KEY: "test-key", ANTHROPIC_API_KEY: "test-key" },
    );
    expect(run.stderr).toContain("round 1: submitted batch");
    expect(run.stderr).toContain("round 2: 1 valid, 0 to re-ask, 0 to resend, 0 failed");
    expect(run.code).toBe(1);
    expect(server.batches.map((batch) => batch.items.length)).toEqual([3, 1]);
    const lines = readOutput(output).sort((left, right) => left.line - right.line);
    expect(lines).toEqual([
      { line: 1, id: "a", ok: true, data: { name: "Ann", age: 30 }, ledger: { attempts: 1, reasks: 0, resends: 0, usage: { promptTokens: 20, completionTokens: 5, totalTokens: 25 } } },
      { line: 2, id: "b", ok: true, data: { name: "Bo", age: 40 }, ledger: { attempts: 2, reasks: 1, resends: 0, usage: { promptTokens: 40, completionTokens: 10, totalTokens: 50 } } },
      { line: 3, ok: false, error: { name: "InvalidRecordError", message: expect.any(String) } },
      { line: 4, id: "c", ok: false, error: { name: "LengthLimitError", message: expect.stringContaining("token limit") }, ledger: expect.objectContaining({ attempts: 1, reasks: 0 }) },
    ]);
    expect(existsSync(`${output}.batch-state.db`)).toBe(true);
    expect(run.stderr).not.toContain("test-key");
  }, 60_000);

  it("resumes after the process is killed between polls, without resubmitting the batch", async () => {
    server = await startBatchApiServer({ script, pollsUntilEnded: 4 });
    const output = join(directory, "out.jsonl");
    const args = ["batch", writeInput(), "-o", output, "--schema", personSchema, "--model", "test-model", "--via", "openai-batch", "--base-url", server.baseURL];
    const environment = { ...process.env, OPENAI_API_KEY: "test-key" };
    const child = spawn(process.execPath, [binary, ...args, "--poll-interval", "200ms"], { env: environment, stdio: "ignore" });
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    const deadline = Date.now() + 30_000;
    while ((server.batches[0]?.polls ?? 0) < 1 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.batches[0]?.polls).toBeGreaterThanOrEqual(1);
    child.kill("SIGKILL");
    await exited;
    expect(server.batches).toHaveLength(1);

    const rerun = await runCli([...args, "--poll-interval", "5ms"], { OPENAI_API_KEY: "test-key" });
    expect(rerun.stderr).toContain("round 1: resuming batch batch_1 (already submitted)");
    expect(server.batches.map((batch) => batch.id)).toEqual(["batch_1", "batch_2"]);
    expect(readOutput(output).filter((line) => line.ok).map((line) => line.line).sort()).toEqual([1, 2]);

    // A finished job: nothing is submitted and no ok line is written twice.
    const again = await runCli([...args, "--poll-interval", "5ms"], { OPENAI_API_KEY: "test-key" });
    expect(again.code).toBe(1);
    expect(server.batches).toHaveLength(2);
    expect(readOutput(output).filter((line) => line.ok)).toHaveLength(2);
  }, 90_000);

  it("explains a bad --via or a missing model as usage errors", async () => {
    const input = writeInput();
    const output = join(directory, "out.jsonl");
    const wrongVia = await runCli(["batch", input, "-o", output, "--schema", personSchema, "--model", "m", "--via", "mistral-batch"]);
    expect(wrongVia.code).toBe(2);
    expect(wrongVia.stderr).toContain("--via must be one of openai-batch, anthropic-batch");
    const noModel = await runCli(["batch", input, "-o", output, "--schema", personSchema, "--via", "openai-batch"], { CORTEX_MODEL: "" });
    expect(noModel.code).toBe(2);
    expect(noModel.stderr).toContain("--model is required");
  }, 60_000);
});

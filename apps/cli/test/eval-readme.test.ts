import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { completion, type RecordedRequest, type ScriptedReply, toolCallCompletion, useTestServer } from "@cortex-ml/test-server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { binary, type CliRun } from "./run-cli.js";

const root = join(import.meta.dirname, "..", "..", "..");
const examples = join(root, "apps", "examples", "evals");

interface Invoice {
  vendor: string;
  total: number;
  currency: string;
  items: Array<{ sku: string; quantity: number }>;
}

const labels = new Map(
  readFileSync(join(examples, "invoices.jsonl"), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as { id: string; text: string; label: Invoice })
    .map((record) => [record.text, record] as const),
);

/**
 * The scripted models of README's sample: "llama3.2" drops the accents of
 * Café Müller, gives Hooli's unit price as the total and misses Umbrella's
 * second item; "qwen2.5" writes "£" for GBP, adds an item to Umbrella's, and
 * first gives Initech's total as a string (re-asked, it answers right).
 * Their token counts differ.
 */
function invoiceReply(request: RecordedRequest): ScriptedReply {
  const body = request.body as { model: string; messages: Array<{ role: string; content: string }>; tools?: Array<{ function: { name: string } }> };
  const text = body.messages.find((message) => message.role === "user")?.content ?? "";
  const record = labels.get(text);
  if (record === undefined) return { kind: "status", status: 500, body: { error: { message: `no label for ${text}` } } };
  const reask = body.messages.some((message) => message.role === "assistant");
  const answer: Invoice = structuredClone(record.label);
  if (body.model === "llama3.2") {
    if (record.id === "rcpt-12") answer.vendor = "Cafe Muller";
    if (record.id === "inv-9") answer.total = 20;
    if (record.id === "inv-3001") answer.items = answer.items.slice(0, 1);
  } else {
    if (record.id === "inv-2210") answer.currency = "£";
    if (record.id === "inv-3001") answer.items.push({ sku: "V-3", quantity: 1 });
    if (record.id === "rcpt-77" && !reask) return completion(JSON.stringify({ ...answer, total: "12.50 USD" }), { usage: { prompt_tokens: 150, completion_tokens: 30, total_tokens: 180 } });
  }
  const prompt = (body.model === "llama3.2" ? 180 : 150) + text.length + (reask ? 90 : 0);
  const answerTokens = body.model === "llama3.2" ? 42 : 30;
  const usage = { prompt_tokens: prompt, completion_tokens: answerTokens, total_tokens: prompt + answerTokens };
  const tool = body.tools?.[0]?.function.name;
  return tool === undefined ? completion(JSON.stringify(answer), { usage }) : toolCallCompletion([{ name: tool, arguments: answer }], { usage });
}

const server = useTestServer({ beforeEach, afterEach }, { fallback: invoiceReply, probes: "honour" });
let directory: string;
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), "cortex-eval-readme-"));
});
afterEach(() => {
  rmSync(directory, { recursive: true, force: true });
});

/** README's `## Evals` section. */
function evalsSection(): string {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const start = readme.indexOf("\n## Evals\n");
  if (start < 0) throw new Error('README has no "## Evals" section');
  const end = readme.indexOf("\n## ", start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

/** The `cortex-ml eval` lines of the section's shell blocks, as written, without their comments. */
function evalCommands(): string[] {
  const blocks = [...evalsSection().matchAll(/```sh\n([\s\S]*?)```/g)].map((block) => block[1] ?? "");
  return blocks
    .flatMap((block) => block.split("\n"))
    .map((line) => line.replace(/\s+#.*$/, "").trim())
    .filter((line) => line.startsWith("cortex-ml eval "));
}

/** Runs a README command line with the built binary, in a scratch folder where the repository's paths resolve. */
function runLine(line: string): Promise<CliRun> {
  const [command] = line.split(" > ");
  const args = (command ?? "").split(/\s+/).slice(1).map((arg) => (arg.startsWith("apps/") ? join(root, arg) : arg));
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [binary, ...args],
      { cwd: directory, env: { ...process.env, OLLAMA_BASE_URL: server.baseURL, CORTEX_CACHE_DIR: directory }, timeout: 80_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

describe("README's Evals section", () => {
  it("runs its commands as written, and its sample table is what the first one prints for the scripted models", async () => {
    const lines = evalCommands();
    expect(lines.length).toBeGreaterThanOrEqual(2);
    const first = await runLine(lines[0] as string);
    expect(first.stderr).toContain("wrote the HTML report to eval-report.html");
    expect(first.code).toBe(0);
    expect(existsSync(join(directory, "eval-report.html"))).toBe(true);
    // The sample's lines, but those with latencies (they differ from run to run).
    const sample = /```text\n([\s\S]*?)```/.exec(evalsSection())?.[1] ?? "";
    const stable = (text: string) => text.split("\n").filter((line) => !line.startsWith("latency"));
    expect(stable(first.stdout)).toEqual(stable(sample));
    for (const line of lines.slice(1)) {
      const run = await runLine(line);
      expect([line, run.code, run.stderr]).toEqual([line, 0, ""]);
      // `> eval-report.json`: the JSON report.
      if (line.includes(" > ")) expect((JSON.parse(run.stdout) as { records: number }).records).toBe(labels.size);
    }
  });
});

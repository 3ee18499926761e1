import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { completion, ollamaModelNotFound, type RecordedRequest, type ScriptedReply, toolCallCompletion, useTestServer } from "@cortex-ml/test-server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../src/main.js";
import { fakeIO } from "./fake-io.js";
import { runCli } from "./run-cli.js";

const fixtures = join(import.meta.dirname, "fixtures");

/** The person a request asks about: "Ann is 31" in its first user message. */
function personIn(request: RecordedRequest): { name: string; age: number } {
  const messages = (request.body as { messages: Array<{ role: string; content: string }> }).messages;
  const text = messages.find((message) => message.role === "user")?.content ?? "";
  const match = /^(\w+) is (\d+)/.exec(text);
  return { name: match?.[1] ?? "?", age: Number(match?.[2] ?? 0) };
}

/**
 * Model "good" answers every person right; "sloppy" writes the name in lower
 * case (a match once normalized), the age one too high, and never a valid
 * answer about Cy. Tool calls are answered as tool calls.
 */
function peopleReply(request: RecordedRequest): ScriptedReply {
  const body = request.body as { model: string; tools?: Array<{ function: { name: string } }> };
  const person = personIn(request);
  const answer = body.model === "good" ? person : person.name === "Cy" ? { name: "Cy" } : { name: person.name.toLowerCase(), age: person.age + 1 };
  if (body.model === "missing") return ollamaModelNotFound("missing");
  const tool = body.tools?.[0]?.function.name;
  return tool === undefined ? completion(JSON.stringify(answer)) : toolCallCompletion([{ name: tool, arguments: answer }]);
}

const server = useTestServer({ beforeEach, afterEach }, { fallback: peopleReply, probes: "honour" });
let directory: string;
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), "cortex-eval-cli-"));
});
afterEach(() => {
  rmSync(directory, { recursive: true, force: true });
});

const evalArgs = (...more: string[]) => ["eval", "--schema", "person.json", "--data", "people.jsonl", "--max-retries", "0", ...more];

async function runEvalCommand(args: string[]) {
  const io = fakeIO({ cwd: fixtures, environment: { OLLAMA_BASE_URL: server.baseURL, CORTEX_CACHE_DIR: directory } });
  const code = await main(args, io);
  return { code, stdout: io.stdout.text(), stderr: io.stderr.text() };
}

interface JsonReport {
  records: number;
  targets: Array<{
    name: string;
    cacheHits: number;
    requestsSent: number;
    mode: string;
    succeeded: number;
    firstTryValidityRate: number;
    failures: Array<{ name: string; count: number }>;
    fields: Array<{ path: string; matched: number; mismatched: number; missing: number; extra: number; precision: number | null; recall: number | null; f1: number | null }>;
  }>;
  results: Array<{ target: string; line: number; id: string; ok: boolean; cache?: "hit" | "miss"; latencyMs: number }>;
}

/** A target's figures but what says where the answers came from. */
function figures({ cacheHits: _hits, requestsSent: _sent, ...rest }: JsonReport["targets"][number]) {
  return rest;
}

describe("cortex-ml eval", () => {
  it("--help lists every flag in one option column, and the command is in cortex-ml's list", async () => {
    const help = await runEvalCommand(["eval", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout.startsWith("Usage: cortex-ml eval --schema SCHEMA --data LABELLED.jsonl --model A [--model B ...]")).toBe(true);
    for (const flag of ["--schema", "--data", "--model", "--mode", "--tolerance", "--exact-strings", "--json", "--html", "--cache", "--no-cache", "--base-url", "--max-retries"]) {
      expect(help.stdout).toMatch(new RegExp(`^  (-\\w, )?${flag} `, "m"));
    }
    // Every option's description starts in column 25.
    const options = help.stdout.split("\n").filter((line) => /^ {2}-/.test(line));
    for (const line of options) expect([line, line.slice(0, 25).trimEnd().length < 23 && /^\S/.test(line.slice(25))]).toEqual([line, true]);
    const main = await runEvalCommand(["--help"]);
    expect(main.stdout).toMatch(/^ {2}eval {8}compare models and modes on labelled records/m);
  });

  it("prints the models side by side: validity, failures, and P / R / F1 per field", async () => {
    const run = await runEvalCommand(evalArgs("--model", "good", "--model", "sloppy"));
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toBe("Person: 3 record(s) on 2 target(s); strings normalized, numbers exact");
    const row = (start: string) => lines.find((line) => line.startsWith(start))?.split(/\s{2,}/);
    expect(row("valid answers")).toEqual(["valid answers", "3 of 3 (100.0%)", "2 of 3 (66.7%)"]);
    expect(row("failures")).toEqual(["failures", "none", "RetriesExhaustedError 1"]);
    // sloppy: names match once normalized (2 of 3, Cy has no answer); every age is off by one.
    expect(row("name")).toEqual(["name", "3", "1.000", "1.000", "1.000", "0/0/0", "1.000", "0.667", "0.800", "0/1/0"]);
    expect(row("age")).toEqual(["age", "3", "1.000", "1.000", "1.000", "0/0/0", "0.000", "0.000", "0.000", "2/1/0"]);
    expect(server.requests).toHaveLength(6);
  });

  it("--json prints the whole report; targets are named by model and mode (Ollama's default: auto)", async () => {
    const run = await runEvalCommand(evalArgs("--model", "good", "--model", "sloppy", "--json"));
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.records).toBe(3);
    expect(report.targets.map((target) => target.name)).toEqual(["good (auto)", "sloppy (auto)"]);
    expect(report.targets[1]).toMatchObject({ succeeded: 2, failures: [{ name: "RetriesExhaustedError", count: 1 }] });
    expect(report.results.filter((result) => !result.ok)).toMatchObject([{ target: "sloppy (auto)", line: 4, id: "c" }]);
  });

  it("runs each model in each --mode, and takes provider/model names", async () => {
    const run = await runEvalCommand(evalArgs("--model", "ollama/good", "--mode", "json", "--mode", "tools", "--json"));
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.targets.map((target) => [target.name, target.mode, target.succeeded])).toEqual([
      ["ollama/good (json)", "json", 3],
      ["ollama/good (tools)", "tools", 3],
    ]);
    const bodies = server.requests.map((request) => request.body as { model: string; response_format?: { type: string }; tools?: unknown[] });
    expect(bodies.every((body) => body.model === "good")).toBe(true);
    expect(bodies.filter((body) => body.response_format?.type === "json_object")).toHaveLength(3);
    expect(bodies.filter((body) => body.tools !== undefined)).toHaveLength(3);
  });

  it("--tolerance lets numbers within it match, for one path or all", async () => {
    const forAge = JSON.parse((await runEvalCommand(evalArgs("--model", "sloppy", "--tolerance", "age=1", "--json"))).stdout) as JsonReport;
    expect(forAge.targets[0]?.fields.find((field) => field.path === "age")).toMatchObject({ matched: 2, mismatched: 0, missing: 1 });
    const relative = JSON.parse((await runEvalCommand(evalArgs("--model", "sloppy", "--tolerance", "4%", "--json"))).stdout) as JsonReport;
    // 1 in 31 (3.2%) and 1 in 40 (2.5%) are within 4%; Cy has no answer.
    expect(relative.targets[0]?.fields.find((field) => field.path === "age")).toMatchObject({ matched: 2, missing: 1 });
    const exact = JSON.parse((await runEvalCommand(evalArgs("--model", "sloppy", "--exact-strings", "--json"))).stdout) as JsonReport;
    expect(exact.targets[0]?.fields.find((field) => field.path === "name")).toMatchObject({ matched: 0, mismatched: 2, missing: 1 });
  });

  it("--html writes a self-contained report page with its four charts", async () => {
    const path = join(directory, "report.html");
    const run = await runEvalCommand(evalArgs("--model", "good", "--model", "sloppy", "--html", path));
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(`wrote the HTML report to ${path}\n`);
    const html = readFileSync(path, "utf8");
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html.match(/<svg /g)).toHaveLength(4);
    expect(html).toContain("sloppy (auto)");
    // The default cache is on: the summary says what came from it.
    expect(html).toContain("<td>from the cache</td><td>0 of 3 (0.0%); 3 request(s) sent</td>");
    expect(html).not.toMatch(/<script|<link|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });

  it("stops with exit 4 and the fix when a model is not on the server", async () => {
    const run = await runEvalCommand(evalArgs("--model", "good", "--model", "missing"));
    expect(run.code).toBe(4);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^cortex-ml: ModelNotFoundError: .*ollama pull missing/);
  });

  it("stops with exit 3 when the endpoint is down", async () => {
    const io = fakeIO({ cwd: fixtures, environment: { OLLAMA_BASE_URL: "http://127.0.0.1:1/v1", CORTEX_CACHE_DIR: directory } });
    expect(await main(evalArgs("--model", "good", "--json"), io)).toBe(3);
    expect(JSON.parse(io.stderr.text())).toMatchObject({ error: { name: "ConnectionError", exitCode: 3 } });
    expect(io.stdout.text()).toBe("");
  });

  it("runs as the built binary", async () => {
    const path = join(directory, "binary.html");
    const run = await runCli(["eval", "-s", join(fixtures, "person.json"), "-d", join(fixtures, "people.jsonl"), "-m", "good", "--html", path], { OLLAMA_BASE_URL: server.baseURL, CORTEX_CACHE_DIR: directory });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("valid answers       3 of 3 (100.0%)");
    expect(run.stderr).toContain("wrote the HTML report");
    expect(readFileSync(path, "utf8")).toContain("<title>Eval: Person</title>");
  });
});

describe("cortex-ml eval with the response cache", () => {
  it("answers a re-run from the default cache: no request, the same figures", async () => {
    const first = JSON.parse((await runEvalCommand(evalArgs("--model", "good", "--json"))).stdout) as JsonReport;
    expect(server.requests).toHaveLength(3);
    expect(first.targets[0]).toMatchObject({ cacheHits: 0, requestsSent: 3 });
    expect(existsSync(join(directory, "cache.db"))).toBe(true);

    const second = await runEvalCommand(evalArgs("--model", "good", "--json"));
    expect(second.code).toBe(0);
    expect(server.requests).toHaveLength(3);
    const report = JSON.parse(second.stdout) as JsonReport;
    expect(report.targets[0]).toMatchObject({ cacheHits: 3, requestsSent: 0 });
    expect(report.targets.map(figures)).toEqual(first.targets.map(figures));
    expect(report.results.map((result) => [result.cache, result.latencyMs])).toEqual(first.results.map((result) => ["hit", result.latencyMs]));

    const table = await runEvalCommand(evalArgs("--model", "good"));
    expect(table.stdout).toMatch(/^from the cache\s+3 of 3 \(100\.0%\); 0 request\(s\) sent$/m);
    expect(server.requests).toHaveLength(3);
  });

  it("scores fixed labels from the cache, without a request", async () => {
    await runEvalCommand(evalArgs("--model", "good"));
    expect(server.requests).toHaveLength(3);
    // The labels were wrong for Bo's age and Cy's name; fixed, the same answers score differently.
    const fixed = join(directory, "people-fixed.jsonl");
    writeFileSync(
      fixed,
      ['{"id":"a","text":"Ann is 31","label":{"name":"Ann","age":31}}', '{"id":"b","text":"Bo is 40","label":{"name":"Bo","age":41}}', '{"id":"c","text":"Cy is 9","label":{"name":"Cyd","age":9}}'].join("\n"),
    );
    const run = await runEvalCommand(["eval", "--schema", "person.json", "--data", fixed, "--model", "good", "--json"]);
    expect(run.code).toBe(0);
    expect(server.requests).toHaveLength(3);
    const fields = (JSON.parse(run.stdout) as JsonReport).targets[0]?.fields;
    // name: Ann, Bo right; "Cy" against "Cyd" wrong. age: 31, 9 right; 40 against 41 wrong. P = R = F1 = 2/3.
    for (const path of ["name", "age"]) {
      const row = fields?.find((field) => field.path === path);
      expect(row).toMatchObject({ matched: 2, mismatched: 1, missing: 0, extra: 0 });
      expect(row?.precision).toBeCloseTo(2 / 3, 12);
      expect(row?.recall).toBeCloseTo(2 / 3, 12);
      expect(row?.f1).toBeCloseTo(2 / 3, 12);
    }
  });

  it("asks again for the records that had no valid answer", async () => {
    await runEvalCommand(evalArgs("--model", "sloppy"));
    expect(server.requests).toHaveLength(3);
    const report = JSON.parse((await runEvalCommand(evalArgs("--model", "sloppy", "--json"))).stdout) as JsonReport;
    // Cy never got a valid answer: its one request (--max-retries 0) is sent again.
    expect(server.requests).toHaveLength(4);
    expect(report.results.map((result) => [result.id, result.cache])).toEqual([["a", "hit"], ["b", "hit"], ["c", "miss"]]);
    expect(report.targets[0]).toMatchObject({ cacheHits: 2, requestsSent: 1 });
  });

  it("--no-cache sends every call and keeps nothing; --cache PATH uses that file", async () => {
    await runEvalCommand(evalArgs("--model", "good", "--no-cache"));
    const noCache = await runEvalCommand(evalArgs("--model", "good", "--no-cache"));
    expect(server.requests).toHaveLength(6);
    expect(noCache.stdout).not.toContain("from the cache");
    expect(existsSync(join(directory, "cache.db"))).toBe(false);

    const file = join(directory, "evals", "answers.db");
    await runEvalCommand(evalArgs("--model", "good", "--cache", file));
    const cached = JSON.parse((await runEvalCommand(evalArgs("--model", "good", "--cache", file, "--json"))).stdout) as JsonReport;
    expect(server.requests).toHaveLength(9);
    expect(cached.targets[0]).toMatchObject({ cacheHits: 3, requestsSent: 0 });
    expect(existsSync(file)).toBe(true);
    expect(existsSync(join(directory, "cache.db"))).toBe(false);
  });
});

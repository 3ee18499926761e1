import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../src/main.js";
import { fakeIO } from "./fake-io.js";
import { runCli } from "./run-cli.js";

const fixtures = join(import.meta.dirname, "fixtures");
const unreachable = "http://127.0.0.1:1/v1";

/** Command lines that are wrong, and what the one-line message must say. */
const cases: ReadonlyArray<{ args: string[]; environment?: Record<string, string>; says: string }> = [
  { args: ["fly"], says: 'unknown command "fly". Commands: batch, cache, doctor, eval, extract, models, worker' },
  { args: ["models", "--nope"], says: "unknown option --nope" },
  { args: ["extract", "x", "--schema"], says: "--schema needs a value" },
  { args: ["models", "--timeout", "-5"], says: '--timeout needs a value (for one that starts with "-", write --timeout=VALUE)' },
  { args: ["models", "--timeout", "0"], says: '--timeout expects a whole number of milliseconds, 1 or more, got "0"' },
  { args: ["models", "--max-retries=-1"], says: '--max-retries expects a whole number, 0 or more, got "-1"' },
  { args: ["models", "--base-url", "notaurl"], says: '--base-url expects an http:// or https:// URL such as http://localhost:11434/v1, got "notaurl"' },
  { args: ["models"], environment: { OLLAMA_BASE_URL: "notaurl" }, says: '$OLLAMA_BASE_URL expects an http:// or https:// URL' },
  { args: ["models", "--provider", "nope"], says: "--provider nope: unknown provider. Known providers: ollama, openai," },
  { args: ["models", "--model", "nope/x"], says: '--model nope/x: "nope" is not a known provider' },
  { args: ["models", "--model", ""], says: "--model is empty" },
  { args: ["models", "--provider", "openai"], says: "Set OPENAI_API_KEY (export OPENAI_API_KEY=...) or pass --api-key KEY" },
  { args: ["models", "--provider", "anthropic", "--api-key", "k", "--mode", "json"], says: "--mode json is not offered by anthropic; use one of tools, parallel_tools, md_json, or auto (default tools)" },
  { args: ["extract", "x", "--schema", "nope.json", "--base-url", unreachable], says: `--schema nope.json: the file does not exist (${join(fixtures, "nope.json")})` },
  { args: ["extract", "x", "--schema", "nope.ts#Person", "--base-url", unreachable], says: `--schema nope.ts: the file does not exist (${join(fixtures, "nope.ts")})` },
  { args: ["extract", "--file", "nope.txt", "--schema", "person.json"], says: "--file nope.txt: the file does not exist" },
  { args: ["eval", "--data", "people.jsonl"], says: "--schema is required" },
  { args: ["eval", "--schema", "person.json"], says: "--data is required" },
  { args: ["eval", "--schema", "person.json", "--data", "nope.jsonl"], says: `--data nope.jsonl: the file does not exist (${join(fixtures, "nope.jsonl")})` },
  {
    args: ["eval", "--schema", "person.json", "--data", "people-bad.jsonl"],
    says: '--data people-bad.jsonl: line 2 has no "label" field; line 3 is not valid JSON',
  },
  { args: ["eval", "--schema", "person.json", "--data", "people.jsonl", "--label-field", "expected"], says: 'line 1 has no "expected" field' },
  { args: ["eval", "--schema", "person.json", "--data", "people.jsonl", "--model", "a", "--model", "a"], says: "--model a is given twice" },
  { args: ["eval", "--schema", "person.json", "--data", "people.jsonl", "--mode", "nope"], says: "--mode must be one of json, json_schema" },
  { args: ["eval", "--schema", "person.json", "--data", "people.jsonl", "--tolerance", "age=-1"], says: '--tolerance expects a number 0 or more (0.01), a percentage (1%), or PATH=either (total=0.01), got "age=-1"' },
  { args: ["eval", "--schema", "person.json", "--data", "people.jsonl", "--concurrency", "0"], says: '--concurrency expects a whole number from 1 to 64, got "0"' },
  { args: ["eval", "--schema", "person.json", "--data", "people.jsonl", "--html", "no-such-folder/report.html"], says: "--html no-such-folder/report.html: the folder" },
  { args: ["eval", "--schema", "person.json", "--data", "people.jsonl", "--mode", "tools", "--mode", "parallel_tools"], says: "--mode parallel_tools answers several objects, and each label is one: use --mode tools" },
  { args: ["eval", "--schema", "person.json", "--data", "people.jsonl", "--cache", "c.db", "--no-cache"], says: "--cache and --no-cache contradict each other: give one of them" },
  { args: ["eval", "--schema", "person.json", "--data", "people.jsonl", "--cache", "."], says: `--cache .: ${fixtures} is a folder; name a file in it, e.g. ${join(fixtures, "cache.db")}` },
  { args: ["eval", "--schema", "person.json", "--data", "people.jsonl", "--no-cache=yes"], says: "--no-cache" },
  { args: ["eval", "people.jsonl", "--schema", "person.json"], says: 'eval takes no positional arguments (got "people.jsonl"): give the data with --data PATH' },
  {
    args: ["extract", "x", "--schema", "person.json", "--stream", "--mode", "parallel_tools"],
    says: "--stream shows one object; --mode parallel_tools answers several: use --mode tools, or drop --stream",
  },
];

describe("usage errors", () => {
  it.each(cases)("$args: one line in CLI words, exit 2", async ({ args, environment, says }) => {
    const io = fakeIO({ cwd: fixtures, ...(environment ? { environment } : {}) });
    expect(await main(args, io)).toBe(2);
    const command = args[0] === "fly" ? "cortex-ml" : `cortex-ml ${args[0]}`;
    expect(io.stderr.text()).toMatch(new RegExp(`^${command}: .*\\. See ${command} --help\\.\\n$`));
    expect(io.stderr.text()).toContain(says);
    expect(io.stderr.text()).not.toMatch(/\{ apiKey \}|fromProvider|registerProvider|\n\s+at /);
    expect(io.stdout.text()).toBe("");
  });

  it.each(cases)("$args --json: one JSON object on stderr, exit 2", async ({ args, environment, says }) => {
    const io = fakeIO({ cwd: fixtures, ...(environment ? { environment } : {}) });
    expect(await main([...args, "--json"], io)).toBe(2);
    const lines = io.stderr.text().trim().split("\n");
    expect(lines).toHaveLength(1);
    const report = JSON.parse(lines[0] ?? "") as { error: { name: string; message: string; exitCode: number } };
    expect(report.error).toMatchObject({ name: "UsageError", exitCode: 2 });
    expect(report.error.message).toContain(says);
  });

  it("takes --json before the command too", async () => {
    const io = fakeIO();
    expect(await main(["--json", "models", "--nope"], io)).toBe(2);
    expect(JSON.parse(io.stderr.text())).toEqual({ error: { name: "UsageError", message: "unknown option --nope", exitCode: 2 } });
  });

  it("the built binary: `models --provider local` without --model, and an unknown flag with --json", async () => {
    const [local, unknownFlag] = await Promise.all([
      runCli(["models", "--provider", "local"], { CORTEX_MODEL: "" }),
      runCli(["extract", "--bogus", "--json"]),
    ]);
    expect(local.code).toBe(2);
    expect(local.stderr).toBe(
      "cortex-ml models: --provider local needs --model PATH, the GGUF model file (e.g. --model ./model.gguf, or --model local/./model.gguf alone). See cortex-ml models --help.\n",
    );
    expect(unknownFlag.code).toBe(2);
    expect(JSON.parse(unknownFlag.stderr)).toEqual({ error: { name: "UsageError", message: "unknown option --bogus", exitCode: 2 } });
  });
});

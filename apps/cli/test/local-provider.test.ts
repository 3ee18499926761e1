import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, runCliInTerminal } from "./run-cli.js";

const repositoryRoot = join(import.meta.dirname, "..", "..", "..");
const model = join(repositoryRoot, "..", "shared", "models", "stories260K.gguf");
const fixtures = join(import.meta.dirname, "fixtures");
const environment = { CORTEX_LOCAL_THREADS: "1" };

// Each test starts the CLI, which loads the model: on a loaded 2-core machine a doctor run (several modes) takes over 20 s.
describe("the CLI with the in-process provider (real generation, no server)", { timeout: 90_000 }, () => {
  it("extract --provider local prints schema-valid JSON and exits on its own", async () => {
    expect(existsSync(model), `test model missing at ${model}`).toBe(true);
    const run = await runCli(["extract", "John is 25", "--schema", join(fixtures, "local-person.json"), "--provider", "local", "--model", model, "--compact"], environment);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const person = JSON.parse(run.stdout) as { name: unknown; age: unknown };
    expect(typeof person.name).toBe("string");
    expect((person.name as string).length).toBeLessThanOrEqual(30);
    expect(Number.isInteger(person.age)).toBe(true);
  });

  it("the same seed gives the same output; --model local/<path> works too", async () => {
    const args = (seed: string) => ["extract", "x", "--schema", join(fixtures, "local-person.json"), "--model", `local/${model}`, "--compact", "--seed", seed, "--temperature", "0.8"];
    const first = await runCli(args("7"), environment);
    const second = await runCli(args("7"), environment);
    expect(first.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
  });

  it("shows a spinner on a terminal while the model loads, then erases it", async () => {
    const run = await runCliInTerminal(["extract", "John is 25", "--schema", join(fixtures, "local-person.json"), "--model", `local/${model}`, "--compact"], environment);
    expect(run.code).toBe(0);
    expect(run.output).toMatch(/^\r[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] loading the local model stories260K\.gguf \(\d+s\)\u001b\[K/);
    const erased = run.output.lastIndexOf("\r\u001b[K");
    expect(erased).toBeGreaterThan(0);
    expect(JSON.parse(run.output.slice(erased + 4))).toMatchObject({ name: expect.any(String) });
  });

  it("a missing model file: the fix in CLI words (--model local/PATH), exit 4", async () => {
    const [extract, doctor] = await Promise.all([
      runCli(["extract", "x", "--schema", join(fixtures, "local-person.json"), "--provider", "local", "--model", "no-such.gguf"], environment),
      runCli(["doctor", "--provider", "local", "--model", "no-such.gguf"], environment),
    ]);
    expect(extract.code).toBe(4);
    expect(extract.stderr).toContain("e.g. --model local//models/model.gguf");
    expect(doctor.code).toBe(4);
    expect(doctor.stdout).toMatch(/^FAIL endpoint: .*no-such\.gguf/m);
    expect(doctor.stdout).toMatch(/^ {5}fix: .*--model local\/\/models\/model\.gguf/m);
    expect(extract.stderr + doctor.stdout).not.toContain("fromProvider");
  });

  it("doctor checks the local model and the JSON-schema mode", async () => {
    const run = await runCli(["doctor", "--provider", "local", "--model", model], environment);
    expect(run.stdout).toMatch(/^ok {3}endpoint: local:stories260K\.gguf answers/m);
    expect(run.stdout).toMatch(/^ok {3}model: /m);
    expect(run.stdout).toMatch(/^ok {3}json_schema mode: valid structured answer/m);
  });
});

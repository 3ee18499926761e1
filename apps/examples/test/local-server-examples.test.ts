import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readmeExampleCommands, readmeShellLine } from "./readme-commands.js";
import { type ExampleRun, runCommand } from "./run-example.js";
import { type ServedCommand, startServeCommand } from "./serve-command.js";
import { printedPersons, tinyModel } from "./tiny-model.js";

/** README's command that serves a GGUF model on Ollama's port (README: Examples, Without Ollama). */
const serveLine = readmeShellLine("Examples", "provider-local serve");

/** What each example prints when it succeeds, by README name: structure only. */
const successShapes: Record<string, (run: ExampleRun) => void> = {
  person: (run) => expect(printedPersons(run.stdout)).toBe(1),
  concurrent: (run) => expect(printedPersons(run.stdout)).toBe(2),
  "low-level": (run) => expect(printedPersons(run.stdout)).toBe(1),
  effect: (run) => expect(printedPersons(run.stdout)).toBe(1),
  providers: (run) => {
    expect(run.stdout).toMatch(/^ollama\/llama3\.2: \{ name: .*, age: .* \}$/m);
    expect(run.stdout).toMatch(/^openai\/gpt-4o: \{ name: .*, age: .* \}$/m);
  },
  review: (run) => expect(run.stdout).toMatch(/^attempts: \d+, tokens \(judge included\): \d+$/m),
  parallel: (run) => {
    const lines = run.stdout.trim().split("\n");
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/^(weather lookup: .* \((imperial|metric)\)|web search: .*)$/);
  },
  partial: (run) => {
    expect(run.stdout).toMatch(/^partial: \{/m);
    expect(run.stdout).toMatch(/^final: \{/m);
  },
  maybe: (run) => expect(run.stdout).toMatch(/^(Found: \{|Uncertain: )/m),
  invoice: (run) => expect(run.stdout).toMatch(/^issued \d{4}-\d{2}-\d{2}, \d+ items, valid after \d attempt\(s\)$/m),
};
/** Examples whose checks need a model that understands the text: a tiny one may end in one of these typed errors. */
const needsMeaning = new Set(["review", "invoice"]);

let served: ServedCommand | undefined;

beforeAll(async () => {
  expect(serveLine).toMatch(/ hf:\S+\.gguf --port 11434$/);
  // The same command with the tiny shared model instead of the download, on a free port instead of Ollama's.
  const command = serveLine.replace(/ hf:\S+\.gguf /, ` ${tinyModel} `).replace("--port 11434", "--port 0");
  served = await startServeCommand(command, { CORTEX_LOCAL_THREADS: "1" });
});

afterAll(() => served?.stop());

describe("README's examples without Ollama: the serve command of provider-local, with the tiny GGUF model", () => {
  it.each([...readmeExampleCommands()])("%s works as written: %s", async (name, command) => {
    const baseURL = served?.baseURL ?? "";
    const run = await runCommand(command, { OLLAMA_BASE_URL: baseURL, CORTEX_MODEL: "llama3.2", OPENAI_BASE_URL: baseURL, OPENAI_API_KEY: "sk-local" });
    const check = successShapes[name];
    expect(check, `no expected output for README's example "${name}"`).toBeDefined();
    if (run.code !== 0 && needsMeaning.has(name)) {
      expect(run.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^(RetriesExhaustedError|LengthLimitError): /)]);
      return;
    }
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    check?.(run);
  });
});

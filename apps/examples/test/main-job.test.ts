import { existsSync } from "node:fs";
import { join } from "node:path";
import { completion, useTestServer } from "@cortex-ml/test-server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readmeShellLine } from "./readme-commands.js";
import { repositoryRoot, runCommand, runExample } from "./run-example.js";
import { personShape, tinyModel } from "./tiny-model.js";

const server = useTestServer({ beforeEach, afterEach }, { models: ["llama3.2"] });
/** README's demo command for CI, e.g. `CORTEX_LOCAL_MODEL=../shared/models/stories260K.gguf npm run demo   # ...`. */
const readmeDemoCommand = readmeShellLine("Quick start", "CORTEX_LOCAL_MODEL=");

describe("the main job (npm run demo)", () => {
  it("uses Ollama when it answers, with normal timeouts for the extraction (not the probe's 1.5 s)", async () => {
    server.enqueue(completion('{"name":"John","age":25}', { delayMs: 2_000 }));
    const run = await runExample("main-job.ts", { OLLAMA_BASE_URL: server.baseURL, CORTEX_LOCAL_MODEL: "" });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Person extracted by Ollama at ${server.baseURL}:`);
    expect(run.stdout).toContain("{ name: 'John', age: 25 }");
    expect(server.requests[0]?.body).toMatchObject({ model: "llama3.2", response_format: { type: "json_schema" } });
  });

  it("uses the model at CORTEX_LOCAL_MODEL in-process even when Ollama answers (real generation, structure asserted)", async () => {
    expect(existsSync(tinyModel), `test model missing at ${tinyModel}`).toBe(true);
    const run = await runExample("main-job.ts", { OLLAMA_BASE_URL: server.baseURL, CORTEX_LOCAL_MODEL: tinyModel, CORTEX_LOCAL_THREADS: "1" });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Person extracted by in-process model ${tinyModel}:`);
    expect(run.stdout).toMatch(personShape);
    expect(server.requests).toEqual([]);
  });

  it("runs README's command with a relative CORTEX_LOCAL_MODEL from the repository root", async () => {
    expect(readmeDemoCommand).toMatch(/^CORTEX_LOCAL_MODEL=\.\.\/shared\/models\/stories260K\.gguf npm run demo\b/);
    const run = await runCommand(readmeDemoCommand, { CORTEX_LOCAL_THREADS: "1" });
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Person extracted by in-process model ${tinyModel}:`);
    expect(run.stdout).toMatch(personShape);
  });

  it("reads a relative CORTEX_LOCAL_MODEL from the directory npm was run in, also below the root", async () => {
    const command = readmeDemoCommand.replace("CORTEX_LOCAL_MODEL=../shared/", "CORTEX_LOCAL_MODEL=../../shared/");
    const run = await runCommand(command, { CORTEX_LOCAL_THREADS: "1" }, join(repositoryRoot, "apps"));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Person extracted by in-process model ${tinyModel}:`);
  });

  it("says what to do when neither Ollama nor a model is available, naming the models directory it resolved", async () => {
    const run = await runExample("main-job.ts", {
      OLLAMA_BASE_URL: "http://127.0.0.1:1/v1",
      CORTEX_LOCAL_MODEL: "",
      CORTEX_LOCAL_MODEL_SPEC: "hf:nobody/missing/model.gguf",
      CORTEX_MODELS_DIR: "node_modules/.cache-test-models",
      INIT_CWD: repositoryRoot,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("No Ollama at http://127.0.0.1:1/v1");
    expect(run.stderr).toMatch(/cannot download hf:nobody\/missing\/model\.gguf/);
    expect(run.stderr).toContain(join(repositoryRoot, "node_modules", ".cache-test-models"));
  });
});

import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { completion, useTestServer } from "@cortex-ml/test-server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runExample } from "./run-example.js";

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const sharedModel = join(repositoryRoot, "..", "shared", "models", "stories260K.gguf");
const server = useTestServer({ beforeEach, afterEach }, { models: ["llama3.2"] });

describe("the main job (npm run demo)", () => {
  it("uses Ollama when it answers", async () => {
    server.enqueue(completion('{"name":"John","age":25}'));
    const run = await runExample("main-job.ts", { OLLAMA_BASE_URL: server.baseURL, CORTEX_LOCAL_MODEL: "" });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Person extracted by Ollama at ${server.baseURL}:`);
    expect(run.stdout).toContain("{ name: 'John', age: 25 }");
  });

  it("falls back to an in-process model with no server running (real generation, structure asserted)", async () => {
    expect(existsSync(sharedModel), `test model missing at ${sharedModel}`).toBe(true);
    const run = await runExample("main-job.ts", { OLLAMA_BASE_URL: "http://127.0.0.1:1/v1", CORTEX_LOCAL_MODEL: sharedModel, CORTEX_LOCAL_THREADS: "1" });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Person extracted by in-process model");
    expect(run.stdout).toMatch(/\{ name: .*, age: -?\d+ \}/);
  });

  it("says what to do when neither Ollama nor a model is available", async () => {
    const run = await runExample("main-job.ts", {
      OLLAMA_BASE_URL: "http://127.0.0.1:1/v1",
      CORTEX_LOCAL_MODEL: "",
      CORTEX_LOCAL_MODEL_SPEC: "hf:nobody/missing/model.gguf",
      CORTEX_MODELS_DIR: join(repositoryRoot, "node_modules", ".cache-test-models"),
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("No Ollama at http://127.0.0.1:1/v1");
    expect(run.stderr).toMatch(/cannot download hf:nobody\/missing\/model\.gguf/);
  });
});

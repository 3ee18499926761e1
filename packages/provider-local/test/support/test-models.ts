import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root: the nearest folder above this file with a pnpm-workspace.yaml. */
export function repositoryRoot(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(folder, "pnpm-workspace.yaml"))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`no pnpm-workspace.yaml above ${fileURLToPath(import.meta.url)}: is this file inside the cortex-ml repository?`);
    folder = parent;
  }
  return folder;
}

/** The shared test models: `<repository root>/../shared/models` (a sibling of the clone, in CI as here). */
export function testModelsDirectory(): string {
  return join(repositoryRoot(), "..", "shared", "models");
}

/** The tiny test models (see shared/models/README.md). */
export type TestModelName = "stories260K.gguf" | "llama-2-tiny-random.gguf";

/**
 * The absolute path of a test model. Throws (so the tests FAIL, never skip)
 * when it is missing, saying where it was looked for.
 */
export function testModel(name: TestModelName): string {
  const path = join(testModelsDirectory(), name);
  if (!existsSync(path)) {
    throw new Error(
      `Test model ${name} is missing: expected it at ${path}. The provider-local tests run real GGUF models from <repository root>/../shared/models ` +
        "(see shared/models/README.md there for the files and their sha256); put them there and run the tests again.",
    );
  }
  return path;
}

/** Settings every test engine uses: one CPU thread (much faster than two on a busy 2-core machine). */
export const testEngineSettings = { threads: 1, gpu: false } as const;

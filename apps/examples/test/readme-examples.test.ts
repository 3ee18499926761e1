import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readmeExampleCommands } from "./readme-commands.js";

const examplesDirectory = join(import.meta.dirname, "..");
const { scripts } = JSON.parse(readFileSync(join(examplesDirectory, "package.json"), "utf8")) as { scripts: Record<string, string> };
/** Scripts of apps/examples that are not examples: the package's own checks, and the demo (README: Quick start). */
const notExamples = new Set(["typecheck", "test", "main-job"]);

describe("README's examples table", () => {
  it("lists every example script of apps/examples, each as `bash scripts/example.sh <script>`", () => {
    const listed = [...readmeExampleCommands().keys()].sort();
    const examples = Object.keys(scripts).filter((name) => !notExamples.has(name)).sort();
    expect(listed).toEqual(examples);
  });
});

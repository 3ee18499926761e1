import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { completion, useTestServer } from "@cortex-ml/test-server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

const server = useTestServer({ beforeEach, afterEach }, { probes: "honour" });
let folder: string;

beforeEach(() => {
  // A folder with no node_modules anywhere above it: valibot cannot be found from there.
  folder = mkdtempSync(join(tmpdir(), "cortex-schema-"));
});
afterEach(() => {
  rmSync(folder, { recursive: true, force: true });
});

const esmSource = 'import * as v from "valibot";\nexport const Person = v.object({ name: v.string(), age: v.number() });\n';

describe("--schema with a JS/TS module in a folder without valibot", () => {
  it.each([
    ["models.ts", esmSource],
    ["models.mjs", esmSource],
    ["models.cjs", 'const v = require("valibot");\nexports.Person = v.object({ name: v.string(), age: v.number() });\n'],
  ])("%s imports valibot from the CLI's own install", async (file, source) => {
    writeFileSync(join(folder, file), source);
    server.enqueue(completion('{"name":"Ann","age":30}'));
    const run = await runCli(["extract", "Ann is 30", "--schema", join(folder, file), "--compact"], { OLLAMA_BASE_URL: server.baseURL });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('{"name":"Ann","age":30}\n');
  });

  it("says in one line what to install for another missing package", async () => {
    writeFileSync(join(folder, "models.ts"), 'import { z } from "zod-nowhere/v4";\nexport const Person = z.object({});\n');
    const run = await runCli(["extract", "x", "--schema", join(folder, "models.ts")], { OLLAMA_BASE_URL: server.baseURL });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `cortex-ml extract: --schema ${join(folder, "models.ts")}: it imports "zod-nowhere/v4", which is not installed there: run \`npm install zod-nowhere\` in ${folder}. See cortex-ml extract --help.\n`,
    );
  });
});

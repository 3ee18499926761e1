import { readFileSync } from "node:fs";
import { join } from "node:path";
import { completion, contentDeltaChunks, startTestServer, streamReply } from "@cortex-ml/test-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CassetteMissError, createInstructor, createPartial, structuredChat } from "../src/index.js";
import { readCassette, useCassette } from "../src/testing.js";
import { cassetteFolder, collect, fast, Person } from "./cassette-fixtures.js";

/** The packages a source file imports, following its relative imports (statements only, not comments). */
function packagesImportedBy(entry: URL): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: URL): void => {
    if (seen.has(file.href)) return;
    seen.add(file.href);
    const source = readFileSync(file, "utf8");
    for (const [, specifier] of source.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+"([^"]+)";/gms)) {
      if (specifier?.startsWith(".")) visit(new URL(specifier.replace(/\.js$/, ".ts"), file));
      else if (specifier) packages.add(specifier.split("/").slice(0, specifier.startsWith("@") ? 2 : 1).join("/"));
    }
  };
  visit(entry);
  return packages;
}

const folder = cassetteFolder();
const server = await startTestServer({ replies: [completion('{"name":"John","age":25}'), streamReply(contentDeltaChunks('{"name":"Jane","age":31}', 4))] });
const outside = { cassette: process.env.CORTEX_CASSETTE, record: process.env.CORTEX_RECORD };

// The code under test: it builds its client when the module loads, before any hook ran.
const appClient = createInstructor({ baseURL: server.baseURL, ...fast });
const extractPerson = (text: string) => structuredChat(appClient, { model: "m", responseModel: Person, messages: [{ role: "user", content: text }] });
const streamPerson = async (text: string) =>
  (await collect(createPartial(appClient, { model: "m", responseModel: Person, messages: [{ role: "user", content: text }] }))).at(-1)?.data;

afterAll(async () => {
  await server.close();
  folder.remove();
});

describe("useCassette: recording a suite", () => {
  const cassette = useCassette({ beforeAll, afterAll }, "people", { dir: folder.dir, mode: "record" });

  it("points every client at <dir>/<name>.jsonl for the suite", () => {
    expect(cassette.path).toBe(join(folder.dir, "people.jsonl"));
    expect(cassette.mode).toBe("record");
    expect(cassette.options).toEqual({ path: cassette.path, mode: "record" });
    expect(process.env.CORTEX_CASSETTE).toBe(cassette.path);
    expect(process.env.CORTEX_RECORD).toBe("record");
  });

  it("records the calls of the code under test", async () => {
    expect(await extractPerson("John is 25")).toEqual({ name: "John", age: 25 });
    expect(await streamPerson("Jane is 31")).toEqual({ name: "Jane", age: 31 });
    expect(readCassette(cassette.path)).toHaveLength(2);
    expect(server.requests).toHaveLength(2);
  });
});

describe("useCassette: replaying the suite offline", () => {
  beforeAll(() => server.close());
  const cassette = useCassette({ beforeAll, afterAll }, "people", { dir: folder.dir, mode: "replay" });

  it("answers from the cassette with the server stopped", async () => {
    expect(cassette.mode).toBe("replay");
    expect(await extractPerson("John is 25")).toEqual({ name: "John", age: 25 });
    expect(await streamPerson("Jane is 31")).toEqual({ name: "Jane", age: 31 });
  });

  it("fails a call that is not recorded with CassetteMissError naming the cassette", async () => {
    const error = await extractPerson("Someone new").catch((caught: unknown) => caught);
    expect(CassetteMissError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain(cassette.path);
  });
});

describe("useCassette: after a suite", () => {
  it("gives the environment back as it was", () => {
    expect(process.env.CORTEX_CASSETTE).toBe(outside.cassette);
    expect(process.env.CORTEX_RECORD).toBe(outside.record);
  });

  it("takes its mode from the option, else CORTEX_RECORD, else replay", () => {
    const hooks = { beforeAll: () => undefined, afterAll: () => undefined };
    const saved = process.env.CORTEX_RECORD;
    try {
      delete process.env.CORTEX_RECORD;
      expect(useCassette(hooks, "a.jsonl", { dir: folder.dir })).toMatchObject({ mode: "replay", path: join(folder.dir, "a.jsonl") });
      process.env.CORTEX_RECORD = "auto";
      expect(useCassette(hooks, "a", { dir: folder.dir }).mode).toBe("auto");
      expect(useCassette(hooks, "a", { dir: folder.dir, mode: "record" }).mode).toBe("record");
      process.env.CORTEX_RECORD = "sometimes";
      expect(() => useCassette(hooks, "a", { dir: folder.dir })).toThrow(/Invalid `CORTEX_RECORD`/);
    } finally {
      if (saved === undefined) delete process.env.CORTEX_RECORD;
      else process.env.CORTEX_RECORD = saved;
    }
  });

  it("is published as @cortex-ml/core/testing and never imports a test runner", async () => {
    const testing = await import("@cortex-ml/core/testing");
    expect(testing.useCassette).toBe(useCassette);
    const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
      exports: Record<string, unknown>;
      publishConfig: { exports: Record<string, unknown> };
    };
    expect(manifest.exports["./testing"]).toEqual({ "@cortex-ml/source": "./src/testing.ts", types: "./dist/testing.d.ts", default: "./dist/testing.js" });
    expect(manifest.publishConfig.exports["./testing"]).toEqual({ types: "./dist/testing.d.ts", default: "./dist/testing.js" });
    const imported = packagesImportedBy(new URL("../src/testing.ts", import.meta.url));
    expect(imported).toContain("node:fs"); // the walk reached the cassette files
    expect([...imported].filter((name) => /vitest|jest|mocha/.test(name))).toEqual([]);
  });
});

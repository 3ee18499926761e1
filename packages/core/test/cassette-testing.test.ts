import { readFileSync } from "node:fs";
import { join } from "node:path";
import { completion, contentDeltaChunks, startTestServer, streamReply } from "@cortex-ml/test-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CassetteMissError, ConnectionError, createInstructor, createPartial, structuredChat } from "../src/index.js";
import { readCassette, useCassette } from "../src/testing.js";
import { ask, cassetteFolder, collect, fast, Person } from "./cassette-fixtures.js";

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

const hooks = { beforeAll, afterAll };
const folder = cassetteFolder();
const server = await startTestServer();
const environment = { cassette: process.env.CORTEX_CASSETTE, record: process.env.CORTEX_RECORD };

// The code under test: it builds its client when the module loads, before any hook ran.
const appClient = createInstructor({ baseURL: server.baseURL, ...fast });
const extractPerson = (text: string) => structuredChat(appClient, { model: "m", responseModel: Person, messages: ask(text) });
const streamPerson = async (text: string) => (await collect(createPartial(appClient, { model: "m", responseModel: Person, messages: ask(text) }))).at(-1)?.data;
const lastMessages = (path: string) => readCassette(path).map((line) => (line.request.body as { messages: Array<{ content: string }> }).messages.at(-1)?.content);

afterAll(async () => {
  await server.close();
  folder.remove();
});

describe("useCassette: recording a suite", () => {
  const cassette = useCassette(hooks, "people", { dir: folder.dir, mode: "record" });

  it("names the cassette <dir>/<name>.jsonl and gives it as a client option too", () => {
    expect(cassette).toEqual({ path: join(folder.dir, "people.jsonl"), mode: "record", options: { path: join(folder.dir, "people.jsonl"), mode: "record" } });
  });

  it("records the calls of the code under test, whose client was created before the suite", async () => {
    server.enqueue(completion('{"name":"John","age":25}'), streamReply(contentDeltaChunks('{"name":"Jane","age":31}', 4)));
    expect(await extractPerson("John is 25")).toEqual({ name: "John", age: 25 });
    expect(await streamPerson("Jane is 31")).toEqual({ name: "Jane", age: 31 });
    expect(lastMessages(cassette.path)).toEqual(["John is 25", "Jane is 31"]);
    expect(server.requests).toHaveLength(2);
  });

  it("leaves the environment alone, and a client's own option wins", async () => {
    expect(process.env.CORTEX_CASSETTE).toBe(environment.cassette);
    expect(process.env.CORTEX_RECORD).toBe(environment.record);
    server.enqueue(completion('{"name":"Live","age":1}'));
    const live = createInstructor({ baseURL: server.baseURL, ...fast, cassette: false });
    expect(await structuredChat(live, { model: "m", responseModel: Person, messages: ask("not recorded") })).toEqual({ name: "Live", age: 1 });
    expect(readCassette(cassette.path)).toHaveLength(2);
  });
});

describe("useCassette: nested suites", () => {
  const outer = useCassette(hooks, "outer", { dir: folder.dir, mode: "record" });

  describe("the inner suite", () => {
    const inner = useCassette(hooks, "inner", { dir: folder.dir, mode: "record" });
    it("records into its own cassette", async () => {
      server.enqueue(completion('{"name":"In","age":1}'));
      await extractPerson("inner");
      expect(lastMessages(inner.path)).toEqual(["inner"]);
    });
  });

  it("hands back to the outer suite's cassette after the inner one", async () => {
    server.enqueue(completion('{"name":"Out","age":2}'));
    await extractPerson("outer");
    expect(lastMessages(outer.path)).toEqual(["outer"]);
  });
});

describe("useCassette: replaying the suite offline", () => {
  beforeAll(() => server.close());
  const cassette = useCassette(hooks, "people", { dir: folder.dir, mode: "replay" });

  it("answers from the cassette with the server stopped", async () => {
    expect(await extractPerson("John is 25")).toEqual({ name: "John", age: 25 });
    expect(await streamPerson("Jane is 31")).toEqual({ name: "Jane", age: 31 });
  });

  it("fails a call that is not recorded with CassetteMissError naming the cassette", async () => {
    const error = await extractPerson("Someone new").catch((caught: unknown) => caught);
    expect(CassetteMissError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain(cassette.path);
  });
});

describe("useCassette: after the suites", () => {
  it("clients go to the network again (the server is stopped by now)", async () => {
    const error = await extractPerson("John is 25").catch((caught: unknown) => caught);
    expect(ConnectionError.isInstance(error)).toBe(true);
  });

  it("takes its mode from the option, else CORTEX_RECORD, else replay", () => {
    const idle = { beforeAll: () => undefined, afterAll: () => undefined };
    const saved = process.env.CORTEX_RECORD;
    try {
      delete process.env.CORTEX_RECORD;
      expect(useCassette(idle, "a.jsonl", { dir: folder.dir })).toMatchObject({ mode: "replay", path: join(folder.dir, "a.jsonl") });
      process.env.CORTEX_RECORD = "auto";
      expect(useCassette(idle, "a", { dir: folder.dir }).mode).toBe("auto");
      expect(useCassette(idle, "a", { dir: folder.dir, mode: "record" }).mode).toBe("record");
      process.env.CORTEX_RECORD = "sometimes";
      expect(() => useCassette(idle, "a", { dir: folder.dir })).toThrow(/Invalid `CORTEX_RECORD`/);
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

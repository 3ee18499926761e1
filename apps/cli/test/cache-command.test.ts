import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sqliteCacheStore } from "@cortex-ml/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../src/main.js";
import { fakeIO } from "./fake-io.js";

const answer = { value: { a: 1 }, text: '{"a":1}', model: "m", usage: { promptTokens: 1, completionTokens: 1, totalTokens: 2 }, createdAt: 1 };

describe("cortex-ml cache", () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), "cortex-cli-cache-"));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  async function fill(path: string, count: number): Promise<void> {
    const store = sqliteCacheStore(path);
    for (let index = 0; index < count; index += 1) await store.set(`k${index}`, answer, undefined);
    await store.close?.();
  }

  it("stats and clear the default file ($CORTEX_CACHE_DIR), in words and as JSON", async () => {
    const environment = { CORTEX_CACHE_DIR: folder };
    await fill(join(folder, "cache.db"), 3);
    const stats = fakeIO({ environment });
    expect(await main(["cache", "stats"], stats)).toBe(0);
    expect(stats.stdout.text()).toMatch(new RegExp(`^3 answer\\(s\\) in ${join(folder, "cache.db").replaceAll("/", "\\/")} \\(\\d`));
    const cleared = fakeIO({ environment });
    expect(await main(["cache", "clear", "--json"], cleared)).toBe(0);
    expect(JSON.parse(cleared.stdout.text())).toMatchObject({ action: "clear", removed: 3, entries: 0, existed: true });
    const after = fakeIO({ environment });
    await main(["cache", "stats", "--json"], after);
    expect(JSON.parse(after.stdout.text())).toMatchObject({ entries: 0 });
  });

  it("--file is resolved from where the command runs; a missing file is not an error", async () => {
    await fill(join(folder, "mine.db"), 2);
    const io = fakeIO({ cwd: folder });
    expect(await main(["cache", "stats", "--file", "mine.db"], io)).toBe(0);
    expect(io.stdout.text()).toContain("2 answer(s)");
    const none = fakeIO({ environment: { CORTEX_CACHE_DIR: join(folder, "empty") } });
    expect(await main(["cache", "stats"], none)).toBe(0);
    expect(none.stdout.text()).toMatch(/no cache yet at .*empty\/cache\.db/);
  });

  it("a missing or unknown action is a usage error (exit 2)", async () => {
    const missing = fakeIO();
    expect(await main(["cache"], missing)).toBe(2);
    expect(missing.stderr.text()).toMatch(/cortex-ml cache stats, or cortex-ml cache clear/);
    const unknown = fakeIO();
    expect(await main(["cache", "purge", "--json"], unknown)).toBe(2);
    expect(JSON.parse(unknown.stderr.text())).toMatchObject({ error: { name: "UsageError" } });
  });
});

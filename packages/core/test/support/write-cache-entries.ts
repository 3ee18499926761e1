// A child process of cache.test.ts: writes `count` entries into the SQLite cache at `path`, keys prefixed by `prefix`.
import { sqliteCacheStore } from "../../src/cache/sqlite-cache-store.js";

const [path, prefix, count] = process.argv.slice(2) as [string, string, string];
const store = sqliteCacheStore(path);
for (let index = 0; index < Number(count); index += 1) {
  await store.set(`${prefix}-${index}`, { value: { index }, text: JSON.stringify({ index }), model: "m", usage: { promptTokens: 1, completionTokens: 1, totalTokens: 2 }, createdAt: Date.now() }, undefined);
}
await store.close?.();

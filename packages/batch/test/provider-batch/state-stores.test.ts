import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RedisServer, startRedisServer } from "@cortex-ml/test-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BatchStateStore, redisBatchStateStore, sqliteBatchStateStore } from "../../src/index.js";
import { newJobState } from "../../src/provider-batch/job-state.js";

let redis: RedisServer;
let directory: string;
beforeAll(async () => {
  redis = await startRedisServer();
  directory = mkdtempSync(join(tmpdir(), "cortex-batch-state-"));
});
afterAll(async () => {
  await redis.close();
  rmSync(directory, { recursive: true, force: true });
});

const stores: Array<[string, () => BatchStateStore]> = [
  ["sqlite", () => sqliteBatchStateStore(join(directory, "nested", "state.db"))],
  // Both stores of a test share one prefix: two runners on one Redis.
  ["redis", () => redisBatchStateStore(redis.url, { prefix: "test-provider-batch:" })],
];

describe.each(stores)("%s batch state store", (_name, open) => {
  it("saves and loads a job, and refuses a save from a runner that read an older revision", async () => {
    const store = open();
    const other = open();
    const state = newJobState({ jobId: "job", via: "openai-batch", model: "m", fingerprint: "f", keys: ["a", "b"] });
    expect(await store.load("job")).toBeUndefined();
    state.revision = 1;
    await store.save(state, undefined);
    await expect(other.save(state, undefined)).rejects.toMatchObject({ name: "BatchStateConflictError" });
    const loaded = await other.load("job");
    expect(loaded).toEqual(state);
    state.revision = 2;
    state.rounds.push({ round: 1, batchId: "batch_1", inputFileId: "file-1", customIds: ["r0", "r1"], submittedAt: 1, status: "open", providerStatus: "validating" });
    await store.save(state, 1);
    // The other runner still holds revision 1: it must not overwrite (it would lose batch_1).
    await expect(other.save({ ...state, revision: 2, rounds: [] }, 1)).rejects.toMatchObject({ name: "BatchStateConflictError", expectedRevision: 1 });
    expect((await other.load("job"))?.rounds.map((round) => round.batchId)).toEqual(["batch_1"]);
    await store.remove("job");
    expect(await other.load("job")).toBeUndefined();
    await store.close();
    await other.close();
  });
});

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fromProvider } from "@cortex-ml/core";
import { type BatchApiServer, type BatchItemScript, startBatchApiServer } from "@cortex-ml/test-server";
import * as v from "valibot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type ProviderBatchEvent, runProviderBatch, sqliteBatchStateStore } from "../../src/index.js";

const Person = v.object({ name: v.string(), age: v.number() });
const valid = (name: string, age: number): BatchItemScript => ({ kind: "answer", json: { name, age } });
const invalid: BatchItemScript = { kind: "answer", json: { name: "Bo", age: "forty" } };

let directory: string;
let server: BatchApiServer | undefined;
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), "cortex-openai-batch-"));
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  rmSync(directory, { recursive: true, force: true });
});

const records = ["Ann is 30", "Bo is 40", "Cy is 50", "Di is 60", "Ed is 70", "Flo is 80"].map((text, index) => ({
  key: `line-${index + 1}`,
  messages: [
    { role: "system" as const, content: "Extract the person." },
    { role: "user" as const, content: text },
  ],
}));

type Body = { messages: Array<{ role: string; content: unknown }>; response_format?: { type: string; json_schema: { name: string; strict: boolean } }; model: string };

describe("runProviderBatch via openai-batch", () => {
  it("submits, polls, validates, re-asks the invalid ones in a follow-up batch, and keeps a ledger per record", async () => {
    server = await startBatchApiServer({
      script: {
        r0: [valid("Ann", 30)],
        r1: [invalid, valid("Bo", 40)],
        r2: [{ kind: "truncated", text: '{"name": "Cy", "ag' }],
        r3: [{ kind: "error", status: 400, type: "invalid_request_error", message: "bad request body" }],
        r4: [{ kind: "expired" }, valid("Ed", 70)],
        r5: [invalid, invalid, invalid],
      },
    });
    const client = fromProvider("openai/gpt-4o-mini", { baseURL: server.baseURL, apiKey: "test-key" });
    const store = sqliteBatchStateStore(join(directory, "state.db"));
    const events: ProviderBatchEvent[] = [];
    const outcome = await runProviderBatch({
      client, via: "openai-batch", responseModel: Person, records, jobId: "people", store, maxRetries: 2, pollInterval: 1, onEvent: (event) => events.push(event),
    });
    await store.close();

    expect(outcome.batchIds).toEqual(["batch_1", "batch_2", "batch_3"]);
    expect(server.batches.map((batch) => batch.items.map((item) => item.customId))).toEqual([
      ["r0", "r1", "r2", "r3", "r4", "r5"],
      ["r1", "r4", "r5"],
      ["r5"],
    ]);
    const [first, second, third] = server.batches;
    // Round 1 is the structured request of the mode (json_schema, strict on OpenAI).
    const firstBody = first?.items[0]?.body as Body;
    expect(firstBody.model).toBe("gpt-4o-mini");
    expect(firstBody.response_format).toMatchObject({ type: "json_schema", json_schema: { name: expect.any(String), strict: true } });
    expect(firstBody.messages).toEqual(records[0]?.messages);
    // A re-ask is the original messages + the last bad answer + the error, never the whole history.
    const reask = second?.items[0]?.body as Body;
    expect(reask.messages.slice(0, 2)).toEqual(records[1]?.messages);
    expect(reask.messages).toHaveLength(4);
    expect(reask.messages[2]).toMatchObject({ role: "assistant", content: JSON.stringify({ name: "Bo", age: "forty" }) });
    expect(reask.messages[3]).toMatchObject({ role: "user", content: expect.stringContaining("age") });
    // The resent expired item is the first request again, not a re-ask.
    expect(second?.items[1]?.body).toEqual(first?.items[4]?.body);
    const lastReask = third?.items[0]?.body as Body;
    expect(lastReask.messages).toHaveLength(4);

    const [ann, bo, cy, di, ed, flo] = outcome.results;
    expect(ann).toMatchObject({ key: "line-1", ok: true, data: { name: "Ann", age: 30 }, ledger: { attempts: 1, reasks: 0, resends: 0, usage: { totalTokens: 25 } } });
    expect(bo).toMatchObject({ ok: true, data: { name: "Bo", age: 40 }, ledger: { attempts: 2, reasks: 1, resends: 0, usage: { promptTokens: 40, completionTokens: 10, totalTokens: 50 } } });
    // Truncated: a typed failure at once, never re-asked.
    expect(cy).toMatchObject({ ok: false, error: { name: "LengthLimitError", rawOutput: '{"name": "Cy", "ag' }, ledger: { attempts: 1, reasks: 0 } });
    expect(di).toMatchObject({ ok: false, error: { name: "BatchItemError", message: expect.stringContaining("bad request body") }, ledger: { attempts: 0 } });
    expect(ed).toMatchObject({ ok: true, data: { name: "Ed", age: 70 }, ledger: { attempts: 1, resends: 1 } });
    expect(flo).toMatchObject({ ok: false, error: { name: "RetriesExhaustedError" }, ledger: { attempts: 3, reasks: 2, usage: { totalTokens: 75 } } });

    expect(events.filter((event) => event.type === "collected")).toEqual([
      { type: "collected", round: 1, batchId: "batch_1", valid: 1, reasks: 2, resends: 1, failed: 2 },
      { type: "collected", round: 2, batchId: "batch_2", valid: 2, reasks: 1, resends: 0, failed: 0 },
      { type: "collected", round: 3, batchId: "batch_3", valid: 0, reasks: 0, resends: 0, failed: 1 },
    ]);
    expect(events.some((event) => event.type === "polled" && event.status === "in_progress")).toBe(true);
    // The key travels as a Bearer token only.
    const upload = server.requests.find((request) => request.path === "/v1/files");
    expect(upload?.headers.authorization).toBe("Bearer test-key");
  });

  it("resumes an interrupted job from its state without resubmitting, and a finished job answers from the store", async () => {
    server = await startBatchApiServer({ pollsUntilEnded: 3, script: { r0: [valid("Ann", 30)], r1: [invalid, valid("Bo", 40)] } });
    const client = fromProvider("openai/gpt-4o-mini", { baseURL: server.baseURL, apiKey: "test-key" });
    const path = join(directory, "state.db");
    const two = records.slice(0, 2);
    const interrupt = new AbortController();
    const store = sqliteBatchStateStore(path);
    const stopped = runProviderBatch({
      client, via: "openai-batch", responseModel: Person, records: two, jobId: "people", store, pollInterval: 5, signal: interrupt.signal,
      onEvent: (event) => {
        if (event.type === "polled") interrupt.abort();
      },
    });
    await expect(stopped).rejects.toMatchObject({ name: "BatchInterruptedError", batchId: "batch_1" });
    await store.close();
    expect(server.batches).toHaveLength(1);

    const resumedStore = sqliteBatchStateStore(path);
    const events: ProviderBatchEvent[] = [];
    const resumed = await runProviderBatch({ client, via: "openai-batch", responseModel: Person, records: two, jobId: "people", store: resumedStore, pollInterval: 1, onEvent: (event) => events.push(event) });
    expect(events[0]).toEqual({ type: "resumed", round: 1, batchId: "batch_1" });
    expect(server.batches.map((batch) => batch.id)).toEqual(["batch_1", "batch_2"]);
    expect(resumed.results.map((result) => result.ok)).toEqual([true, true]);

    const again = await runProviderBatch({ client, via: "openai-batch", responseModel: Person, records: two, jobId: "people", store: resumedStore, pollInterval: 1 });
    expect(server.batches).toHaveLength(2);
    expect(again.results).toEqual(resumed.results);

    await expect(
      runProviderBatch({ client, via: "openai-batch", responseModel: Person, records: records.slice(0, 3), jobId: "people", store: resumedStore, pollInterval: 1 }),
    ).rejects.toMatchObject({ name: "BatchJobMismatchError" });
    await resumedStore.close();
  });

  it("keeps the records pending when a batch fails as a whole, and resubmits them on the next run", async () => {
    server = await startBatchApiServer({ failBatches: { 1: ["invalid model"] }, script: { r0: [valid("Ann", 30)] } });
    const client = fromProvider("openai/gpt-4o-mini", { baseURL: server.baseURL, apiKey: "test-key" });
    const store = sqliteBatchStateStore(join(directory, "state.db"));
    const options = { client, via: "openai-batch" as const, responseModel: Person, records: records.slice(0, 1), jobId: "one", store, pollInterval: 1 };
    await expect(runProviderBatch(options)).rejects.toMatchObject({ name: "BatchFailedError", reasons: ["line 1: invalid model"] });
    const outcome = await runProviderBatch(options);
    expect(outcome.batchIds).toEqual(["batch_1", "batch_2"]);
    expect(outcome.results[0]).toMatchObject({ ok: true, data: { name: "Ann", age: 30 } });
    await store.close();
  });

  it("names a wrong API key as a request error without showing the key", async () => {
    server = await startBatchApiServer();
    const client = fromProvider("openai/gpt-4o-mini", { baseURL: server.baseURL, apiKey: "sk-wrong-secret-key" });
    const store = sqliteBatchStateStore(join(directory, "state.db"));
    const failure = await runProviderBatch({ client, via: "openai-batch", responseModel: Person, records: records.slice(0, 1), jobId: "k", store }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ name: "BatchRequestError", status: 401, operation: "upload the input file" });
    expect(JSON.stringify(failure) + String((failure as Error).message)).not.toContain("sk-wrong-secret-key");
    await store.close();
  });
});

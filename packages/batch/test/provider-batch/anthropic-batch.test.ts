import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fromProvider } from "@cortex-ml/core";
import { type BatchApiServer, type BatchItemScript, startBatchApiServer } from "@cortex-ml/test-server";
import * as v from "valibot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { anthropicVersion, runProviderBatch, sqliteBatchStateStore } from "../../src/index.js";

const Person = v.object({ name: v.string(), age: v.number() });
const valid = (name: string, age: number): BatchItemScript => ({ kind: "answer", json: { name, age } });

let directory: string;
let server: BatchApiServer | undefined;
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), "cortex-anthropic-batch-"));
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  rmSync(directory, { recursive: true, force: true });
});

const records = ["Ann is 30", "Bo is 40", "Cy is 50", "Di is 60", "Ed is 70"].map((text, index) => ({
  key: String(index + 1),
  messages: [
    { role: "system" as const, content: "Extract the person." },
    { role: "user" as const, content: text },
  ],
}));

interface Params {
  model: string;
  max_tokens: number;
  system?: string;
  messages: Array<{ role: string; content: Array<Record<string, unknown>> }>;
  tools?: Array<{ name: string; input_schema: unknown }>;
  tool_choice?: unknown;
}

describe("runProviderBatch via anthropic-batch", () => {
  it("sends Messages requests with a forced tool, re-asks with tool_use + tool_result, and fails truncated and errored items as records", async () => {
    server = await startBatchApiServer({
      script: {
        r0: [valid("Ann", 30)],
        r1: [{ kind: "answer", json: { name: "Bo" } }, valid("Bo", 40)],
        r2: [{ kind: "truncated", text: '{"name": "C' }],
        r3: [{ kind: "error", status: 400, type: "invalid_request_error", message: "max_tokens: too large" }],
        r4: [{ kind: "error", status: 529, type: "overloaded_error", message: "Overloaded" }, valid("Ed", 70)],
      },
    });
    const client = fromProvider("anthropic/claude-3-5-haiku-latest", { baseURL: server.baseURL, apiKey: "test-key" });
    const store = sqliteBatchStateStore(join(directory, "state.db"));
    const outcome = await runProviderBatch({ client, via: "anthropic-batch", responseModel: Person, records, jobId: "people", store, pollInterval: 1, maxTokens: 1024 });
    await store.close();

    expect(server.batches.map((batch) => batch.items.map((item) => item.customId))).toEqual([
      ["r0", "r1", "r2", "r3", "r4"],
      ["r1", "r4"],
    ]);
    const create = server.requests.find((request) => request.method === "POST");
    expect(create?.headers["x-api-key"]).toBe("test-key");
    expect(create?.headers["anthropic-version"]).toBe(anthropicVersion);
    expect(create?.headers.authorization).toBeUndefined();

    const first = server.batches[0]?.items[0]?.body as unknown as Params;
    expect(first.model).toBe("claude-3-5-haiku-latest");
    expect(first.max_tokens).toBe(1024);
    expect(first.system).toBe("Extract the person.");
    expect(first.messages).toEqual([{ role: "user", content: [{ type: "text", text: "Ann is 30" }] }]);
    expect(first.tools).toHaveLength(1);
    const tool = first.tools?.[0];
    expect(tool?.input_schema).toMatchObject({ type: "object", properties: { name: { type: "string" }, age: { type: "number" } } });
    expect(first.tool_choice).toEqual({ type: "tool", name: tool?.name });
    expect(first).not.toHaveProperty("seed");

    const reask = server.batches[1]?.items[0]?.body as unknown as Params;
    expect(reask.messages).toHaveLength(3);
    expect(reask.messages[1]).toEqual({ role: "assistant", content: [{ type: "tool_use", id: expect.any(String), name: tool?.name, input: { name: "Bo" } }] });
    expect(reask.messages[2]?.role).toBe("user");
    expect(reask.messages[2]?.content[0]).toMatchObject({ type: "tool_result", tool_use_id: (reask.messages[1]?.content[0] as { id: string }).id, is_error: true, content: expect.stringContaining("age") });

    const [ann, bo, cy, di, ed] = outcome.results;
    expect(ann).toMatchObject({ ok: true, data: { name: "Ann", age: 30 }, ledger: { attempts: 1, usage: { promptTokens: 20, completionTokens: 5, totalTokens: 25 } } });
    expect(bo).toMatchObject({ ok: true, data: { name: "Bo", age: 40 }, ledger: { attempts: 2, reasks: 1 } });
    expect(cy).toMatchObject({ ok: false, error: { name: "LengthLimitError" }, ledger: { attempts: 1, reasks: 0 } });
    expect(di).toMatchObject({ ok: false, error: { name: "BatchItemError", message: expect.stringContaining("max_tokens: too large") } });
    expect(ed).toMatchObject({ ok: true, ledger: { attempts: 1, resends: 1 } });
  });

  it("refuses json_schema mode, which Anthropic's API cannot take, before submitting anything", async () => {
    server = await startBatchApiServer();
    const client = fromProvider("openai/claude-like", { baseURL: server.baseURL, apiKey: "test-key" });
    const store = sqliteBatchStateStore(join(directory, "state.db"));
    await expect(runProviderBatch({ client, via: "anthropic-batch", responseModel: Person, records, jobId: "x", store })).rejects.toMatchObject({
      name: "InvalidArgumentError",
      argument: "mode",
    });
    expect(server.batches).toHaveLength(0);
    await store.close();
  });
});

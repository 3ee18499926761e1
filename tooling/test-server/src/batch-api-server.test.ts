import { afterEach, describe, expect, it } from "vitest";
import { type BatchApiServer, startBatchApiServer } from "./batch-api-server.js";

let server: BatchApiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const bearer = { authorization: "Bearer test-key" };
const anthropicHeaders = { "x-api-key": "test-key", "anthropic-version": "2023-06-01", "content-type": "application/json" };

describe("startBatchApiServer", () => {
  it("takes an OpenAI input file and batch, moves it along with each poll, and serves the output and error files", async () => {
    server = await startBatchApiServer({ script: { a: [{ kind: "answer", json: { x: 1 } }], b: [{ kind: "expired" }] }, pollsUntilEnded: 2 });
    const lines = ["a", "b"].map((id) => JSON.stringify({ custom_id: id, method: "POST", url: "/v1/chat/completions", body: { model: "m", messages: [] } })).join("\n");
    const form = new FormData();
    form.set("purpose", "batch");
    form.set("file", new Blob([lines]), "in.jsonl");
    const file = (await (await fetch(`${server.baseURL}/files`, { method: "POST", headers: bearer, body: form })).json()) as { id: string };
    const create = await fetch(`${server.baseURL}/batches`, {
      method: "POST",
      headers: { ...bearer, "content-type": "application/json" },
      body: JSON.stringify({ input_file_id: file.id, endpoint: "/v1/chat/completions", completion_window: "24h" }),
    });
    expect(await create.json()).toMatchObject({ id: "batch_1", status: "validating" });
    const poll = async () => (await (await fetch(`${server?.baseURL}/batches/batch_1`, { headers: bearer })).json()) as Record<string, string>;
    expect(await poll()).toMatchObject({ status: "in_progress" });
    const ended = await poll();
    expect(ended).toMatchObject({ status: "expired", request_counts: { total: 2, completed: 1, failed: 1 } });
    const output = await (await fetch(`${server.baseURL}/files/${ended.output_file_id}/content`, { headers: bearer })).text();
    expect(JSON.parse(output)).toMatchObject({ custom_id: "a", response: { status_code: 200, body: { choices: [{ message: { content: '{"x":1}' } }] } } });
    const errors = await (await fetch(`${server.baseURL}/files/${ended.error_file_id}/content`, { headers: bearer })).text();
    expect(JSON.parse(errors)).toMatchObject({ custom_id: "b", response: null, error: { code: "batch_expired" } });
    expect((await fetch(`${server.baseURL}/batches/batch_1`)).status).toBe(401);
  });

  it("answers Anthropic message batches: in_progress, then ended with results per custom id", async () => {
    server = await startBatchApiServer({ script: { a: [{ kind: "truncated", text: "{" }], b: [{ kind: "error", status: 529, type: "overloaded_error", message: "Overloaded" }] }, pollsUntilEnded: 1 });
    const params = { model: "m", max_tokens: 10, messages: [{ role: "user", content: "hi" }] };
    const created = await fetch(`${server.baseURL}/messages/batches`, { method: "POST", headers: anthropicHeaders, body: JSON.stringify({ requests: [{ custom_id: "a", params }, { custom_id: "b", params }] }) });
    expect(await created.json()).toMatchObject({ id: "msgbatch_1", processing_status: "in_progress", results_url: null });
    const batch = (await (await fetch(`${server.baseURL}/messages/batches/msgbatch_1`, { headers: anthropicHeaders })).json()) as { results_url: string };
    expect(batch).toMatchObject({ processing_status: "ended", request_counts: { succeeded: 1, errored: 1 } });
    const results = (await (await fetch(batch.results_url, { headers: anthropicHeaders })).text()).trim().split("\n").map((line) => JSON.parse(line) as unknown);
    expect(results).toEqual([
      { custom_id: "a", result: { type: "succeeded", message: expect.objectContaining({ stop_reason: "max_tokens", content: [{ type: "text", text: "{" }] }) } },
      { custom_id: "b", result: { type: "errored", error: { type: "error", error: { type: "overloaded_error", message: "Overloaded" } } } },
    ]);
    const { "anthropic-version": _version, ...noVersion } = anthropicHeaders;
    expect((await fetch(`${server.baseURL}/messages/batches/msgbatch_1`, { headers: noVersion })).status).toBe(400);
  });
});

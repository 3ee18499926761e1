import { ConnectionError, createInstructor, InvalidArgumentError, Mode, ModelNotFoundError, RequestAbortedError } from "@cortex-ml/core";
import { completion, ollamaModelNotFound, type RecordedRequest, statusReply, useTestServer } from "@cortex-ml/test-server";
import * as v from "valibot";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type EvalProgress, type LabelledRecord, runEval } from "../src/index.js";

const server = useTestServer({ beforeEach, afterEach });
const Person = v.object({ name: v.string(), age: v.number() });
const records: LabelledRecord[] = [1, 2, 3, 4, 5].map((line) => ({ line, text: `person ${line}`, label: { name: `P${line}`, age: line } }));
const noTransportRetries = { transportRetry: { maxRetries: 0 } };

function bodyOf(request: RecordedRequest | undefined): { model: string; temperature: number; seed: number; messages: Array<{ role: string; content: string }> } {
  return request?.body as never;
}

describe("runEval: what stops an eval and what is a record's result", () => {
  it("stops at an unreachable endpoint with ConnectionError", async () => {
    const client = createInstructor({ baseURL: "http://127.0.0.1:9/v1", ...noTransportRetries });
    await expect(runEval({ responseModel: Person, records, targets: [{ client, model: "m" }] })).rejects.toSatisfy(ConnectionError.isInstance);
  });

  it("stops at a model the server does not have, and sends nothing more", async () => {
    server.enqueue(ollamaModelNotFound("missing"));
    const client = createInstructor({ baseURL: server.baseURL, ...noTransportRetries });
    const rejected = runEval({ responseModel: Person, records, targets: [{ client, model: "missing" }], concurrency: 1 });
    await expect(rejected).rejects.toSatisfy(ModelNotFoundError.isInstance);
    expect(server.requests).toHaveLength(1);
  });

  it("counts a server error as that record's failure and goes on", async () => {
    server.enqueue(completion('{"name":"P1","age":1}'), statusReply(500, { error: { message: "boom" } }), completion('{"name":"P3","age":3}'), completion('{"name":"P4","age":4}'), completion('{"name":"P5","age":5}'));
    const client = createInstructor({ baseURL: server.baseURL, ...noTransportRetries });
    const report = await runEval({ responseModel: Person, records, targets: [{ client, model: "m" }], concurrency: 1 });
    expect(report.targets[0]).toMatchObject({ succeeded: 4, failed: 1, failures: [{ name: "ApiError", count: 1 }], firstTryValid: 4, exactRecords: 4 });
    expect(report.results[1]).toMatchObject({ ok: false, attempts: 1, error: { name: "ApiError" } });
    // The failed record's label values are missing: recall 8/10, precision 8/8.
    expect(report.targets[0]?.overall).toMatchObject({ matched: 8, missing: 2, precision: 1, recall: 0.8 });
  });

  it("rejects with RequestAbortedError when its signal fires, closing the calls in flight", async () => {
    server.enqueue(...records.map(() => completion('{"name":"x","age":1}', { delayMs: 5_000 })));
    const client = createInstructor({ baseURL: server.baseURL, ...noTransportRetries });
    const controller = new AbortController();
    const running = runEval({ responseModel: Person, records, targets: [{ client, model: "m" }], signal: controller.signal, concurrency: 2 });
    // Abort once both calls in flight have reached the server (each waits 5 s there).
    await vi.waitFor(() => expect(server.requests).toHaveLength(2), { timeout: 4_000, interval: 10 });
    const abortedAt = Date.now();
    controller.abort(new Error("user stop"));
    await expect(running).rejects.toSatisfy(RequestAbortedError.isInstance);
    expect(Date.now() - abortedAt).toBeLessThan(2_500);
    expect(server.requests).toHaveLength(2);
  });

  it("refuses wrong arguments before any request", async () => {
    const client = createInstructor({ baseURL: server.baseURL });
    const invalid = (options: Partial<Parameters<typeof runEval>[0]>) =>
      expect(runEval({ responseModel: Person, records, targets: [{ client, model: "m" }], ...options })).rejects.toSatisfy(InvalidArgumentError.isInstance);
    await invalid({ records: [] });
    await invalid({ targets: [] });
    await invalid({ targets: [{ client }] });
    await invalid({ targets: [{ client, model: "m" }, { client, model: "m" }] });
    await invalid({ concurrency: 0 });
    await invalid({ concurrency: 1.5 });
    await invalid({ comparison: { tolerance: -1 } });
    await invalid({ comparison: { paths: { age: { strings: "loose" as never } } } });
    expect(server.requests).toHaveLength(0);
    await expect(runEval({ responseModel: Person, records, targets: [{ client, model: "m" }, { client, model: "m" }] })).rejects.toThrow('two targets are named "m (json)"');
  });
});

describe("runEval: the calls it makes", () => {
  it("sends each record's text under the system prompt, with the eval's and the target's call settings", async () => {
    server.enqueue(completion('{"name":"P1","age":1}'), completion('{"name":"P1","age":1}'));
    const client = createInstructor({ baseURL: server.baseURL });
    await runEval({
      responseModel: Person,
      records: records.slice(0, 1),
      targets: [
        { client, model: "a" },
        { client, model: "b", mode: Mode.JSON_SCHEMA, callSettings: { temperature: 0.7 } },
      ],
      system: "Read the person.",
      callSettings: { temperature: 0.2, seed: 9 },
    });
    const [first, second] = server.requests.map(bodyOf);
    expect(first).toMatchObject({ model: "a", temperature: 0.2, seed: 9 });
    expect(first?.messages.some((message) => message.role === "system" && message.content.includes("Read the person."))).toBe(true);
    expect(first?.messages.at(-1)).toEqual({ role: "user", content: "person 1" });
    expect(second).toMatchObject({ model: "b", temperature: 0.7, seed: 9, response_format: { type: "json_schema" } });
  });

  it("builds the messages of a record with `messages`, to evaluate a prompt", async () => {
    server.enqueue(completion('{"name":"P1","age":1}'));
    const client = createInstructor({ baseURL: server.baseURL });
    await runEval({
      responseModel: Person,
      records: records.slice(0, 1),
      targets: [{ client, model: "a" }],
      messages: (record) => [{ role: "user", content: `Who is this? ${record.text} (line ${record.line})` }],
    });
    expect(bodyOf(server.requests[0]).messages.at(-1)).toEqual({ role: "user", content: "Who is this? person 1 (line 1)" });
  });

  it("takes the client's model and mode when a target names none, and reports progress after each record", async () => {
    server.enqueue(...records.map((record) => completion(JSON.stringify(record.label))));
    const client = createInstructor({ baseURL: server.baseURL, model: "house-model", mode: Mode.MD_JSON });
    const progress: EvalProgress[] = [];
    const report = await runEval({ responseModel: Person, records, targets: [{ client }], onRecord: (_result, step) => progress.push(step) });
    expect(report.targets[0]).toMatchObject({ name: "house-model (md_json)", model: "house-model", mode: "md_json", exactRecords: 5 });
    expect(progress.map((step) => step.done)).toEqual([1, 2, 3, 4, 5]);
    expect(progress.every((step) => step.total === 5)).toBe(true);
  });
});

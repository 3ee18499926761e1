import { type CacheStore, createInstructor, type InstructorClient, Mode, memoryCacheStore, structuredChat } from "@cortex-ml/core";
import { startTestServer, type TestServer } from "@cortex-ml/test-server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { defaultEvalSystemPrompt, type EvalReport, type EvalTarget, type LabelledRecord, renderTextReport, runEval, type TargetReport } from "../src/index.js";
import { Invoice, invoiceRecords, invoiceReply } from "./invoice-fixture.js";

let server: TestServer;
let store: CacheStore;
let client: InstructorClient;
beforeEach(async () => {
  server = await startTestServer({ fallback: invoiceReply });
  store = memoryCacheStore();
  client = createInstructor({ baseURL: server.baseURL, maxRetries: 1, cache: store });
});
afterEach(async () => {
  await server.close();
});

const alpha = (): EvalTarget => ({ client, model: "alpha", mode: Mode.JSON });
const beta = (): EvalTarget => ({ client, model: "beta", mode: Mode.TOOLS });

/** Runs the known-answer eval and counts the requests it sent. */
async function runCounted(targets: readonly EvalTarget[], records: readonly LabelledRecord[] = invoiceRecords) {
  const before = server.requests.length;
  const report = await runEval({ responseModel: Invoice, records, targets, comparison: { paths: { total: { tolerance: 0.01 } } } });
  return { report, requests: server.requests.length - before };
}

function target(report: EvalReport, name: string): TargetReport {
  const found = report.targets.find((candidate) => candidate.name === name);
  if (found === undefined) throw new Error(`no target ${name}`);
  return found;
}

/** A target's figures but what says where the answers came from. */
function figures({ cacheHits: _hits, requestsSent: _sent, ...rest }: TargetReport) {
  return rest;
}

describe("runEval with a response cache", () => {
  it("answers a re-run from the cache: no request, the same figures, latencies and tokens of the calls that made the answers", async () => {
    const first = await runCounted([beta()]);
    expect(first.requests).toBe(4);
    expect(target(first.report, "beta (tools)")).toMatchObject({ cacheHits: 0, requestsSent: 4 });
    expect(first.report.results.map((result) => result.cache)).toEqual(["miss", "miss", "miss", "miss"]);

    const second = await runCounted([beta()]);
    expect(second.requests).toBe(0);
    const cached = target(second.report, "beta (tools)");
    expect(cached).toMatchObject({ cacheHits: 4, requestsSent: 0 });
    expect(second.report.results.map((result) => result.cache)).toEqual(["hit", "hit", "hit", "hit"]);
    // Every figure is the first run's: validity, re-asks, tokens (110 a call), latencies, scores.
    expect(figures(cached)).toEqual(figures(target(first.report, "beta (tools)")));
    expect(cached.tokens).toEqual({ prompt: 320, completion: 120, total: 440, perRecord: 110 });
    expect(second.report.results.map((result) => result.latencyMs)).toEqual(first.report.results.map((result) => result.latencyMs));
  });

  it("asks again only for the records that got no valid answer (only valid answers are cached)", async () => {
    const first = await runCounted([alpha()]);
    // r1 and r2 one request each, r3 and r4 two each.
    expect(first.requests).toBe(6);
    const second = await runCounted([alpha()]);
    // r3 ran out of retries: its two requests are sent again; r4's re-ask is not, its valid answer is cached.
    expect(second.requests).toBe(2);
    expect(second.report.results.map((result) => [result.id, result.cache, result.attempts])).toEqual([
      ["r1", "hit", 1],
      ["r2", "hit", 1],
      ["r3", "miss", 2],
      ["r4", "hit", 2],
    ]);
    const [before, after] = [target(first.report, "alpha (json)"), target(second.report, "alpha (json)")];
    expect(after).toMatchObject({ cacheHits: 3, requestsSent: 2 });
    const { latencyMs: _before, ...figuresBefore } = figures(before);
    const { latencyMs: _after, ...figuresAfter } = figures(after);
    expect(figuresAfter).toEqual(figuresBefore);
    expect(after).toMatchObject({ firstTryValid: 2, reasks: { total: 2 }, tokens: { total: 720 } });
  });

  it("scores a fixed label without a request", async () => {
    await runCounted([beta()]);
    // The labels change after the first run: r1's total was 100 and is now 90; r2 gets a second tag.
    const fixed = invoiceRecords.map((record) =>
      record.id === "r1"
        ? { ...record, label: { ...(record.label as object), total: 90 } }
        : record.id === "r2"
          ? { ...record, label: { ...(record.label as object), tags: ["a", "b"] } }
          : record,
    );
    const { report, requests } = await runCounted([beta()], fixed);
    expect(requests).toBe(0);
    const rows = target(report, "beta (tools)").fields;
    // beta still answers the old labels: total 100 is now wrong for r1 (3 of 4 right); r2 misses the new tag "b".
    expect(rows.find((row) => row.path === "total")).toMatchObject({ matched: 3, mismatched: 1, missing: 0, extra: 0, precision: 0.75, recall: 0.75, f1: 0.75 });
    const tags = rows.find((row) => row.path === "tags[]");
    expect(tags).toMatchObject({ matched: 5, mismatched: 0, missing: 1, extra: 0, precision: 1 });
    expect(tags?.recall).toBeCloseTo(5 / 6, 12);
    expect(tags?.f1).toBeCloseTo(10 / 11, 12);
  });

  it("sends every call with callSettings { cache: false }", async () => {
    await runCounted([beta()]);
    const before = server.requests.length;
    const report = await runEval({ responseModel: Invoice, records: invoiceRecords, targets: [beta()], callSettings: { cache: false } });
    expect(server.requests.length - before).toBe(4);
    expect(report.results.every((result) => result.cache === undefined)).toBe(true);
    expect(report.targets[0]).toMatchObject({ cacheHits: 0, requestsSent: 4 });
  });

  it("reports what a hit cost when the answer was cached outside an eval (no figures kept with it)", async () => {
    const [record] = invoiceRecords as [LabelledRecord];
    await structuredChat(client, {
      model: "beta",
      mode: Mode.TOOLS,
      responseModel: Invoice,
      messages: [
        { role: "system", content: defaultEvalSystemPrompt },
        { role: "user", content: record.text },
      ],
    });
    const { report, requests } = await runCounted([beta()], [record]);
    expect(requests).toBe(0);
    expect(report.results[0]).toMatchObject({ cache: "hit", attempts: 0, reasks: 0, usage: { totalTokens: 0 } });
    expect(report.targets[0]).toMatchObject({ cacheHits: 1, requestsSent: 0, tokens: { total: 0 } });
  });

  it("lists the cache hits in the text report when the clients have a cache", async () => {
    await runCounted([beta()]);
    const { report } = await runCounted([beta()]);
    expect(renderTextReport(report)).toMatch(/^from the cache\s+4 of 4 \(100\.0%\); 0 request\(s\) sent$/m);
    const uncached = await runEval({ responseModel: Invoice, records: invoiceRecords, targets: [beta()], callSettings: { cache: false } });
    expect(renderTextReport(uncached)).not.toContain("from the cache");
  });
});

import { startTestServer, type TestServer } from "@cortex-ml/test-server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type EvalReport, type FieldScore, percentile, type TargetReport } from "../src/index.js";
import { alphaDelayMs, invoiceRecords, invoiceReply, runInvoiceEval as runInvoiceEvalOn } from "./invoice-fixture.js";

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer({ fallback: invoiceReply });
});
afterEach(async () => {
  await server.close();
});

/** The known-answer eval on this test's server. */
function runInvoiceEval(concurrency = 1): Promise<EvalReport> {
  return runInvoiceEvalOn(server.baseURL, concurrency);
}

function target(report: EvalReport, name: string): TargetReport {
  const found = report.targets.find((candidate) => candidate.name === name);
  if (found === undefined) throw new Error(`no target ${name}`);
  return found;
}

function field(report: TargetReport, path: string): FieldScore {
  const found = report.fields.find((candidate) => candidate.path === path);
  if (found === undefined) throw new Error(`no row ${path}`);
  return found;
}

/** A row's counts and scores, as worked out by hand. */
function expectRow(row: FieldScore, counts: { matched: number; mismatched: number; missing: number; extra: number }, scores: { precision: number | null; recall: number | null; f1: number }) {
  expect({ matched: row.matched, mismatched: row.mismatched, missing: row.missing, extra: row.extra }).toEqual(counts);
  expect(row.support).toBe(counts.matched + counts.mismatched + counts.missing);
  expect(row.predicted).toBe(counts.matched + counts.mismatched + counts.extra);
  for (const name of ["precision", "recall"] as const) {
    if (scores[name] === null) expect(row[name]).toBeNull();
    else expect(row[name]).toBeCloseTo(scores[name] as number, 12);
  }
  expect(row.f1).toBeCloseTo(scores.f1, 12);
}

describe("runEval on a labelled set with known answers", () => {
  it("computes precision, recall and F1 per schema path as worked out by hand", async () => {
    const report = await runInvoiceEval();
    const alpha = target(report, "alpha (json)");
    // vendor: r1 matched (case and spaces normalized), r2 matched (Unicode NFC vs NFD), r3 missing (no valid answer), r4 matched.
    expectRow(field(alpha, "vendor"), { matched: 3, mismatched: 0, missing: 1, extra: 0 }, { precision: 1, recall: 3 / 4, f1: 6 / 7 });
    // total: r1 100.004 within 0.01 of 100, r2 25 vs 20, r3 missing, r4 matched.
    expectRow(field(alpha, "total"), { matched: 2, mismatched: 1, missing: 1, extra: 0 }, { precision: 2 / 3, recall: 2 / 4, f1: 4 / 7 });
    // currency: "usd" matches "USD" once normalized.
    expectRow(field(alpha, "currency"), { matched: 3, mismatched: 0, missing: 1, extra: 0 }, { precision: 1, recall: 3 / 4, f1: 6 / 7 });
    // tags as a set: r1 both (other order), r2 "a" plus an extra "b", r4 "x" but not "y".
    expectRow(field(alpha, "tags[]"), { matched: 4, mismatched: 0, missing: 1, extra: 1 }, { precision: 4 / 5, recall: 4 / 5, f1: 4 / 5 });
    // whole items: r1's two paired out of order, r2's paired but with a wrong quantity, r4's missing.
    expectRow(field(alpha, "items[]"), { matched: 2, mismatched: 1, missing: 1, extra: 0 }, { precision: 2 / 3, recall: 2 / 4, f1: 4 / 7 });
    expectRow(field(alpha, "items[].sku"), { matched: 3, mismatched: 0, missing: 1, extra: 0 }, { precision: 1, recall: 3 / 4, f1: 6 / 7 });
    expectRow(field(alpha, "items[].quantity"), { matched: 2, mismatched: 1, missing: 1, extra: 0 }, { precision: 2 / 3, recall: 2 / 4, f1: 4 / 7 });
    // note: missing in r2, extra in r4.
    expectRow(field(alpha, "note"), { matched: 0, mismatched: 0, missing: 1, extra: 1 }, { precision: 0, recall: 0, f1: 0 });
    expect(alpha.fields.map((row) => row.kind)).toEqual(["value", "value", "value", "set", "items", "value", "value", "value"]);
    // Every value of every field: 17 matched, 2 wrong, 7 missing, 2 extra (whole-item rows left out).
    expect(alpha.overall).toMatchObject({ matched: 17, mismatched: 2, missing: 7, extra: 2, support: 26, predicted: 21 });
    expect(alpha.overall.precision).toBeCloseTo(17 / 21, 12);
    expect(alpha.overall.recall).toBeCloseTo(17 / 26, 12);
    expect(alpha.overall.f1).toBeCloseTo(34 / 47, 12);

    const beta = target(report, "beta (tools)");
    for (const row of beta.fields) expect([row.path, row.mismatched + row.missing + row.extra, row.f1]).toEqual([row.path, 0, 1]);
    expect(beta.overall).toMatchObject({ matched: 26, support: 26, predicted: 26, precision: 1, recall: 1, f1: 1 });
    expect(field(beta, "items[]").matched).toBe(4);
    // Rows follow the schema's order, the same for both targets.
    expect(report.paths).toEqual(["vendor", "total", "currency", "tags[]", "items[]", "items[].sku", "items[].quantity", "note"]);
    expect(report.schemaName).toBe("Invoice");
  });

  it("reports validity, re-asks, tokens, failures and exact records per target", async () => {
    const report = await runInvoiceEval();
    const alpha = target(report, "alpha (json)");
    expect(alpha).toMatchObject({
      model: "alpha",
      mode: "json",
      records: 4,
      succeeded: 3,
      failed: 1,
      firstTryValid: 2,
      firstTryValidityRate: 0.5,
      reasks: { total: 2, perRecord: 0.5, max: 1 },
      // Six requests of 100 + 20 tokens: r1 and r2 one each, r3 and r4 two each (r3's failed ones count too).
      tokens: { prompt: 600, completion: 120, total: 720, perRecord: 180 },
      failures: [{ name: "RetriesExhaustedError", count: 1 }],
      exactRecords: 1,
      exactRecordRate: 0.25,
    });
    const beta = target(report, "beta (tools)");
    expect(beta).toMatchObject({
      mode: "tools",
      succeeded: 4,
      firstTryValidityRate: 1,
      reasks: { total: 0, perRecord: 0, max: 0 },
      tokens: { prompt: 320, completion: 120, total: 440, perRecord: 110 },
      failures: [],
      exactRecords: 4,
    });
    // Beta was asked in TOOLS mode: a forced tool call.
    const betaRequest = server.requests.find((request) => (request.body as { model: string }).model === "beta")?.body as { tool_choice: unknown; tools: unknown[] };
    expect(betaRequest.tools).toHaveLength(1);
    expect(betaRequest.tool_choice).toMatchObject({ type: "function" });
  });

  it("keeps the record that ran out of retries: its error, attempts, tokens and every label value as missing", async () => {
    const report = await runInvoiceEval();
    const failed = report.results.find((result) => result.target === "alpha (json)" && result.id === "r3");
    expect(failed).toMatchObject({ line: 3, ok: false, attempts: 2, reasks: 1, firstTryValid: false, exact: false, usage: { totalTokens: 240 } });
    expect(failed?.error?.name).toBe("RetriesExhaustedError");
    expect(failed?.error?.message).toContain("2 attempt(s)");
    expect(failed?.output).toBeUndefined();
    // One disagreement for the whole answer; its three values count as missing on their rows.
    expect(failed?.disagreements).toEqual([{ at: "(root)", outcome: "missing", label: invoiceRecords[2]?.label }]);
    // Two requests were made for it, and no more.
    expect(server.requests.filter((request) => (request.body as { model: string }).model === "alpha" && JSON.stringify(request.body).includes("record three"))).toHaveLength(2);
  });

  it("lists each record's disagreements with both values", async () => {
    const report = await runInvoiceEval();
    const second = report.results.find((result) => result.target === "alpha (json)" && result.id === "r2");
    expect(second?.disagreements).toEqual([
      { at: "total", outcome: "mismatched", label: 20, output: 25 },
      { at: "tags[1]", outcome: "extra", output: "b" },
      { at: "items[0].quantity", outcome: "mismatched", label: 5, output: 4 },
      { at: "note", outcome: "missing", label: "fragile" },
    ]);
    const fourth = report.results.find((result) => result.target === "alpha (json)" && result.id === "r4");
    expect(fourth).toMatchObject({ ok: true, attempts: 2, reasks: 1, firstTryValid: false, exact: false });
    expect(fourth?.disagreements).toEqual([
      { at: "tags[1]", outcome: "missing", label: "y" },
      { at: "items[0]", outcome: "missing", label: { sku: "D4", quantity: 1 } },
      { at: "note", outcome: "extra", output: "extra note" },
    ]);
    const first = report.results.find((result) => result.target === "alpha (json)" && result.id === "r1");
    expect(first).toMatchObject({ ok: true, exact: true, disagreements: [], firstTryValid: true });
    // The output is kept as the model wrote it.
    expect((first?.output as { vendor: string }).vendor).toBe("  acme   CORP ");
  });

  it("measures latency per call: median and p90 of the records' own latencies, each at least the server's delay", async () => {
    const report = await runInvoiceEval();
    const alpha = target(report, "alpha (json)");
    const latencies = report.results.filter((result) => result.target === alpha.name).map((result) => result.latencyMs);
    expect(latencies).toHaveLength(4);
    const [first, second, third, fourth] = report.results.filter((result) => result.target === alpha.name);
    // One delayed request for r1 and r2, two for r3 and r4.
    expect(first?.latencyMs).toBeGreaterThanOrEqual(alphaDelayMs - 1);
    expect(second?.latencyMs).toBeGreaterThanOrEqual(alphaDelayMs - 1);
    expect(third?.latencyMs).toBeGreaterThanOrEqual(2 * alphaDelayMs - 1);
    expect(fourth?.latencyMs).toBeGreaterThanOrEqual(2 * alphaDelayMs - 1);
    const sorted = [...latencies].sort((left, right) => left - right) as [number, number, number, number];
    expect(alpha.latencyMs.median).toBeCloseTo((sorted[1] + sorted[2]) / 2, 1);
    expect(alpha.latencyMs.p90).toBeCloseTo(sorted[2] + 0.7 * (sorted[3] - sorted[2]), 1);
    expect(alpha.latencyMs.median).toBeCloseTo(percentile(latencies, 0.5) as number, 1);
    expect(alpha.latencyMs.min).toBeCloseTo(sorted[0], 1);
    expect(alpha.latencyMs.max).toBeCloseTo(sorted[3], 1);
  });

  it("gives the same figures with several calls in flight, results in record order", async () => {
    const serial = await runInvoiceEval(1);
    const parallel = await runInvoiceEval(4);
    const figures = (report: EvalReport) => report.targets.map(({ latencyMs: _latency, ...rest }) => rest);
    expect(figures(parallel)).toEqual(figures(serial));
    expect(parallel.results.map((result) => `${result.target}#${result.line}`)).toEqual(serial.results.map((result) => `${result.target}#${result.line}`));
  });
});

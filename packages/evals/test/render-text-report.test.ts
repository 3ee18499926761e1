import { useTestServer } from "@cortex-ml/test-server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { renderTextReport } from "../src/index.js";
import { invoiceReply, runInvoiceEval } from "./invoice-fixture.js";

const server = useTestServer({ beforeEach, afterEach }, { fallback: invoiceReply });

describe("renderTextReport", () => {
  it("shows the targets side by side, then P / R / F1 and wrong/missing/extra per field", async () => {
    const report = await runInvoiceEval(server.baseURL);
    const lines = renderTextReport(report).split("\n");
    expect(lines[0]).toBe("Invoice: 4 record(s) on 2 target(s); strings normalized, numbers exact; total: ±0.01");
    const line = (start: string) => lines.find((text) => text.startsWith(start))?.split(/\s{2,}/);
    expect(line("                    alpha")).toEqual(["", "alpha (json)", "beta (tools)"]);
    expect(line("valid answers")).toEqual(["valid answers", "3 of 4 (75.0%)", "4 of 4 (100.0%)"]);
    expect(line("valid on first try")).toEqual(["valid on first try", "50.0%", "100.0%"]);
    expect(line("re-asks per record")).toEqual(["re-asks per record", "0.50 (max 1)", "0.00 (max 0)"]);
    expect(line("F1, all fields")).toEqual(["F1, all fields", "0.723", "1.000"]);
    expect(line("tokens in all")).toEqual(["tokens in all", "720 (600 in, 120 out)", "440 (320 in, 120 out)"]);
    expect(line("failures")).toEqual(["failures", "RetriesExhaustedError 1", "none"]);
    expect(line("latency median")?.[1]).toMatch(/^\d+ ms$/);
    // The per-field table: a title line over each target's four columns, then one row a path.
    const header = lines.findIndex((text) => text.startsWith("field"));
    expect(lines[header - 1]?.trim().split(/\s{2,}/)).toEqual(["alpha (json)", "beta (tools)"]);
    expect(lines[header]?.split(/\s+/)).toEqual(["field", "support", "P", "R", "F1", "w/m/e", "P", "R", "F1", "w/m/e"]);
    expect(lines[header + 1]?.split(/\s+/)).toEqual(["vendor", "4", "1.000", "0.750", "0.857", "0/1/0", "1.000", "1.000", "1.000", "0/0/0"]);
    expect(lines[header + 5]?.split(/\s{2,}/)).toEqual(["items[] (whole items)", "4", "0.667", "0.500", "0.571", "1/1/0", "1.000", "1.000", "1.000", "0/0/0"]);
    expect(lines[header + 8]?.split(/\s+/)).toEqual(["note", "1", "0.000", "0.000", "0.000", "0/1/1", "1.000", "1.000", "1.000", "0/0/0"]);
    // Every column lines up: the F1 column ends at the same place on each row.
    const fieldRows = lines.slice(header, header + 9);
    const f1End = (text: string) => text.search(/ +\d+\/\d+\/\d+/);
    expect(new Set(fieldRows.slice(1).map(f1End)).size).toBe(1);
    expect(lines.every((text) => text === text.trimEnd())).toBe(true);
  });
});

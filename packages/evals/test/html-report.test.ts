import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createInstructor, Mode } from "@cortex-ml/core";
import { startTestServer, type TestServer } from "@cortex-ml/test-server";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EvalReport, renderHtmlReport, runEval } from "../src/index.js";
import { chromiumInstalled, chromiumMissing, launchChromium } from "./headless-chromium.js";
import { Invoice, invoiceReply, runInvoiceEval } from "./invoice-fixture.js";

if (!chromiumInstalled) console.warn(`html-report.test.ts: skipping the browser tests: ${chromiumMissing}`);

/** What the page asked for, and what it complained about, while it loaded. */
interface OpenedPage {
  readonly page: Page;
  readonly requests: string[];
  readonly consoleErrors: string[];
}

describe.skipIf(!chromiumInstalled)(`the HTML report in headless Chromium${chromiumInstalled ? "" : ` (skipped: ${chromiumMissing})`}`, () => {
  let server: TestServer;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let directory: string;
  let report: EvalReport;

  beforeAll(async () => {
    server = await startTestServer({ fallback: invoiceReply });
    browser = await launchChromium();
    directory = mkdtempSync(join(tmpdir(), "cortex-eval-report-"));
    report = await runInvoiceEval(server.baseURL);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  async function open(name: string, html: string): Promise<OpenedPage> {
    const path = join(directory, name);
    writeFileSync(path, html);
    const page = await browser.context.newPage();
    const requests: string[] = [];
    const consoleErrors: string[] = [];
    page.on("request", (request) => requests.push(request.url()));
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    await page.goto(pathToFileURL(path).href, { waitUntil: "load" });
    return { page, requests, consoleErrors };
  }

  it("renders the summary, the per-field table and four charts, with no request but the page itself", async () => {
    const { page, requests, consoleErrors } = await open("report.html", renderHtmlReport(report));
    expect(requests).toEqual([pathToFileURL(join(directory, "report.html")).href]);
    expect(consoleErrors).toEqual([]);
    expect(await page.title()).toBe("Eval: Invoice");

    // Four charts, each drawn at a real size.
    const charts = page.locator("svg.chart");
    expect(await charts.count()).toBe(4);
    for (let index = 0; index < 4; index += 1) {
      const box = await charts.nth(index).boundingBox();
      expect(box?.width).toBeGreaterThan(300);
      expect(box?.height).toBeGreaterThan(80);
    }
    expect(await page.locator("figcaption").allTextContents()).toEqual(["Quality", "F1 per field", "Latency per record", "Tokens per record"]);
    // Bars: 3 quality figures, 8 fields, 2 latencies, 2 token counts, each for 2 targets.
    expect(await page.locator("svg.chart rect.bar").count()).toBe((3 + 8 + 2 + 2) * 2);
    const perField = charts.nth(1);
    expect(await perField.locator("text.group-label").allTextContents()).toEqual(["vendor", "total", "currency", "tags[]", "items[]", "items[].sku", "items[].quantity", "note"]);
    // A bar's length is its value: alpha's vendor F1 (6/7) against beta's (1).
    const [alphaVendor, betaVendor] = await perField.locator("rect.bar").evaluateAll((bars) => bars.slice(0, 2).map((bar) => bar.getBoundingClientRect().width));
    expect((alphaVendor as number) / (betaVendor as number)).toBeCloseTo(6 / 7, 2);
    expect(await perField.locator("rect.bar title").first().textContent()).toBe("alpha (json) · vendor: 0.86");

    // The summary table: targets side by side.
    const summary = page.locator("table.summary");
    expect(await summary.locator("thead th").allInnerTexts()).toEqual(["figure", "alpha (json)", "beta (tools)"]);
    const failures = summary.locator("tbody tr", { hasText: "failures" }).locator("td");
    expect(await failures.allInnerTexts()).toEqual(["failures", "RetriesExhaustedError 1", "none"]);
    const firstTry = summary.locator("tbody tr", { hasText: "valid on first try" }).locator("td");
    expect(await firstTry.allInnerTexts()).toEqual(["valid on first try", "50.0%", "100.0%"]);

    // The per-field table: one row a schema path, P / R / F1 and wrong/missing/extra per target.
    const rows = page.locator("table.fields tbody tr");
    expect(await rows.count()).toBe(8);
    expect(await rows.nth(0).locator("td").allInnerTexts()).toEqual(["vendor", "4", "1.000", "0.750", "0.857", "0/1/0", "1.000", "1.000", "1.000", "0/0/0"]);
    expect(await rows.nth(3).locator("td").allInnerTexts()).toEqual(["tags[]", "5", "0.800", "0.800", "0.800", "0/1/1", "1.000", "1.000", "1.000", "0/0/0"]);

    // The failed record and alpha's eight disagreements.
    expect(await page.locator("table.failures tbody tr td").nth(3).innerText()).toBe("RetriesExhaustedError");
    expect(await page.locator("details").first().locator("table.disagreements tbody tr").count()).toBe(8);
    await page.close();
  });

  it("shows names and values from the data as text: markup in them is never run or loaded", async () => {
    const client = createInstructor({ baseURL: server.baseURL, maxRetries: 1 });
    const hostile = await runEval({
      responseModel: Invoice,
      records: [{ line: 1, id: "<b>id</b>", text: "record one", label: { vendor: '<img src="x.png">', total: 100, currency: "EUR", tags: [], items: [] } }],
      targets: [{ client, model: "alpha", mode: Mode.JSON, name: '<img src="y.png" onerror="alert(1)">' }],
    });
    const { page, requests, consoleErrors } = await open("hostile.html", renderHtmlReport(hostile));
    expect(requests).toHaveLength(1);
    expect(consoleErrors).toEqual([]);
    expect(await page.locator("img, b, script").count()).toBe(0);
    expect(await page.locator("table.summary thead th").nth(1).innerText()).toBe('<img src="y.png" onerror="alert(1)">');
    expect(await page.locator("table.disagreements").first().innerText()).toContain('"<img src=\\"x.png\\">"');
    await page.close();
  });
});

import { createInstructor, memoryCacheStore, Mode } from "@cortex-ml/core";
import { imitateServer, startTestServer, type TestServer } from "@cortex-ml/test-server";
import { afterEach, describe, expect, it } from "vitest";
import { renderTextReport, runEval } from "../src/index.js";
import { Invoice, invoiceRecords } from "./invoice-fixture.js";

// Mode "auto" targets report which mode their answers came in: the target is named by the mode
// asked for ("auto"), the "mode used" row says what auto picked on each server.
const answer = { vendor: "ACME Corp", total: 100, currency: "EUR", tags: [], items: [] };
const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function imitated(behaviour: Parameters<typeof imitateServer>[0]): Promise<string> {
  const server = await startTestServer({ fallback: imitateServer(behaviour) });
  servers.push(server);
  return server.baseURL;
}

describe("runEval with mode auto", () => {
  it("counts the modes the answers came in, per target, and shows them in the text report", async () => {
    const appliesSchema = createInstructor({ baseURL: await imitated({ answer }), mode: Mode.AUTO });
    const ignoresFormat = createInstructor({ baseURL: await imitated({ answer, jsonSchema: "ignore", jsonObject: "ignore" }), mode: Mode.AUTO });
    const report = await runEval({
      responseModel: Invoice,
      records: invoiceRecords,
      targets: [
        { client: appliesSchema, model: "m", name: "applies json_schema" },
        { client: ignoresFormat, model: "m", name: "ignores response_format" },
        { client: appliesSchema, model: "m", mode: Mode.JSON, name: "json" },
      ],
    });
    const [schema, tools, json] = report.targets;
    expect(schema?.mode).toBe(Mode.AUTO);
    expect(schema?.modesUsed).toEqual([{ mode: Mode.JSON_SCHEMA, count: invoiceRecords.length }]);
    expect(tools?.modesUsed).toEqual([{ mode: Mode.TOOLS, count: invoiceRecords.length }]);
    // An explicit mode is the mode used; nothing to count.
    expect(json?.modesUsed).toEqual([]);
    expect(report.results.filter((result) => result.target === "ignores response_format").every((result) => result.modeUsed === Mode.TOOLS)).toBe(true);
    const row = renderTextReport(report)
      .split("\n")
      .find((line) => line.startsWith("mode used"));
    expect(row).toMatch(/^mode used\s+json_schema 4\s+tools 4\s+–$/);
  });

  it("a re-run answered from the response cache reports the modes of the calls that made the answers", async () => {
    const baseURL = await imitated({ answer, jsonSchema: "ignore", jsonObject: "ignore" });
    const client = createInstructor({ baseURL, mode: Mode.AUTO, cache: memoryCacheStore() });
    const run = () => runEval({ responseModel: Invoice, records: invoiceRecords, targets: [{ client, model: "m" }] });
    const first = await run();
    const requests = servers[0]!.requests.length;
    const second = await run();
    expect(servers[0]!.requests.length).toBe(requests);
    expect(second.targets[0]?.cacheHits).toBe(invoiceRecords.length);
    expect(second.targets[0]?.modesUsed).toEqual([{ mode: Mode.TOOLS, count: invoiceRecords.length }]);
    expect(second.targets[0]?.modesUsed).toEqual(first.targets[0]?.modesUsed);
  });

  it("has no mode-used row when no target asks for auto", async () => {
    const client = createInstructor({ baseURL: await imitated({ answer }), mode: Mode.JSON_SCHEMA });
    const report = await runEval({ responseModel: Invoice, records: invoiceRecords, targets: [{ client, model: "m" }] });
    expect(renderTextReport(report)).not.toContain("mode used");
  });
});

import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { parseSize, parseStreamBenchArgs, QUICK_SIZES } from "../bench/streaming-e2e/stream-args.js";
import { groupEvents, sseEvents } from "../bench/streaming-e2e/sse-wire.js";
import { BenchDocument, BenchDocumentZod, documentModel, documentTarget, generateBenchDocument } from "../bench/streaming-e2e/stream-document.js";
import { growthTable, type SizeResult, sizeTable } from "../bench/streaming-e2e/stream-report.js";
import { callsPerBlock, growthExponent, growthSizes, predictCallMs } from "../bench/streaming-e2e/stream-stats.js";
import { timeCall } from "../bench/streaming-e2e/timed-call.js";

type Chunk = {
  choices: Array<{ delta: { content?: string; tool_calls?: Array<{ index: number; function: { name?: string; arguments?: string } }> }; finish_reason: string | null }>;
};

function chunksOf(events: readonly string[]): Chunk[] {
  return events.map((event) => {
    expect(event).toMatch(/^data: .*\n\n$/s);
    return JSON.parse(event.slice("data: ".length)) as Chunk;
  });
}

describe("bench document", () => {
  it("is deterministic, valid for the Valibot and zod schemas, and within half a record of its target", () => {
    for (const target of [300, 3_000, 30_000]) {
      const document = generateBenchDocument(target);
      const text = JSON.stringify(document);
      expect(JSON.stringify(generateBenchDocument(target))).toBe(text);
      expect(v.parse(BenchDocument, JSON.parse(text))).toEqual(document);
      expect(BenchDocumentZod.parse(JSON.parse(text))).toEqual(document);
      expect(Math.abs(text.length - target)).toBeLessThan(100);
      // ASCII only: characters are bytes on the wire.
      expect(Buffer.byteLength(text)).toBe(text.length);
    }
    expect(JSON.stringify(generateBenchDocument(3_000, 1))).not.toBe(JSON.stringify(generateBenchDocument(3_000)));
  });

  it("has at least one record, every record at least one tag, and escapes in its strings", () => {
    expect(generateBenchDocument(1).content).toHaveLength(1);
    const document = generateBenchDocument(30_000);
    expect(document.content.every((record) => record.tags.length >= 1)).toBe(true);
    expect(JSON.stringify(document)).toMatch(/\\"|\\n|\\\\/);
  });

  it("is named by the model of a request", () => {
    expect(documentTarget(documentModel(30_000))).toBe(30_000);
    expect(documentTarget("gpt-4o")).toBeUndefined();
    expect(documentTarget("bench-doc-0")).toBeUndefined();
    expect(documentTarget(42)).toBeUndefined();
  });
});

describe("bench SSE wire", () => {
  const document = generateBenchDocument(600);

  it("streams the document as content deltas that join back to its JSON", () => {
    const chunks = chunksOf(sseEvents(document, { deltaSize: 4 }));
    const deltas = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "");
    expect(deltas.join("")).toBe(JSON.stringify(document));
    expect(deltas.filter((delta) => delta !== "").every((delta) => delta.length <= 4)).toBe(true);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe("stop");
  });

  it("streams one tool call per record, each one's argument deltas joining back to that record", () => {
    const chunks = chunksOf(sseEvents(document, { deltaSize: 4, toolName: "Item" }));
    const calls: string[][] = [];
    for (const chunk of chunks) {
      for (const call of chunk.choices[0]?.delta.tool_calls ?? []) {
        if (call.function.name !== undefined) expect(call.function.name).toBe("Item");
        (calls[call.index] ??= []).push(call.function.arguments ?? "");
      }
    }
    expect(calls.map((parts) => JSON.parse(parts.join("")) as unknown)).toEqual(document.content);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe("tool_calls");
  });

  it("groups events into writes", () => {
    expect(groupEvents(["a", "b", "c", "d", "e"], 2)).toEqual(["ab", "cd", "e"]);
    expect(groupEvents([], 16)).toEqual([]);
  });
});

describe("bench growth exponent", () => {
  it("is the log-log slope: 1 for linear, 2 for quadratic cost", () => {
    expect(growthExponent([{ characters: 30_000, value: 3 }, { characters: 1_000_000, value: 100 }])).toBeCloseTo(1, 10);
    const quadratic = [30_000, 300_000, 1_000_000].map((characters) => ({ characters, value: (characters / 1_000) ** 2 }));
    expect(growthExponent(quadratic)).toBeCloseTo(2, 10);
  });

  it("fits a least-squares line through more than two points", () => {
    // log10 sizes 4, 5, 6 with log10 costs 0, 1.2, 2: slope 1 by least squares.
    const points = [
      { characters: 1e4, value: 1 },
      { characters: 1e5, value: 10 ** 1.2 },
      { characters: 1e6, value: 100 },
    ];
    expect(growthExponent(points)).toBeCloseTo(1, 10);
  });

  it("is undefined without two sizes or with a cost that is not positive", () => {
    expect(growthExponent([{ characters: 30_000, value: 3 }])).toBeUndefined();
    expect(growthExponent([{ characters: 30_000, value: 3 }, { characters: 30_000, value: 4 }])).toBeUndefined();
    expect(growthExponent([{ characters: 30_000, value: 0 }, { characters: 60_000, value: 4 }])).toBeUndefined();
  });

  it("is taken over the sizes from 30 KB to 1 MB, else the two largest", () => {
    expect(growthSizes([300, 3_000, 30_000, 300_000, 1_000_000])).toEqual([30_000, 300_000, 1_000_000]);
    expect(growthSizes([...QUICK_SIZES])).toEqual([3_000, 30_000]);
    expect(growthSizes([300])).toEqual([300]);
  });
});

describe("bench call-time prediction", () => {
  it("follows the slope through the last two sizes, at least linear", () => {
    const quadratic = [
      { characters: 3_000, value: 10 },
      { characters: 30_000, value: 1_000 },
    ];
    expect(predictCallMs(quadratic, 300_000)).toBeCloseTo(100_000, 6);
    const sublinear = [
      { characters: 3_000, value: 10 },
      { characters: 30_000, value: 50 },
    ];
    expect(predictCallMs(sublinear, 300_000)).toBeCloseTo(500, 6);
    expect(predictCallMs([{ characters: 1_000, value: 2 }], 3_000)).toBeCloseTo(6, 6);
    expect(predictCallMs([], 3_000)).toBeUndefined();
  });
});

describe("bench stream report", () => {
  const clients = [
    { key: "raw", label: "raw", baseline: "raw" },
    { key: "peer", label: "peer", baseline: "raw" },
    { key: "slow", label: "slow", baseline: "raw" },
  ];
  const figures = (cpuMsPerCall: number) => ({ cpuMsPerCall, wallMsPerCall: cpuMsPerCall * 2, firstPartialMs: 1 });
  const size = (target: number, scale: number, slow: boolean): SizeResult => ({
    target,
    characters: target,
    contentDeltas: target / 4,
    toolDeltas: target / 4,
    toolCalls: target / 100,
    callsPerBlock: 1,
    results: new Map([
      ["raw", { rounds: [figures(1 * scale), figures(2 * scale)] }],
      ["peer", { rounds: [figures(3 * scale), figures(4 * scale)] }],
      ["slow", slow ? { rounds: [figures(10 * scale)] } : { status: "over budget (> 1 s per call)" }],
    ]),
  });

  it("gives each client its median and the median of its per-round ratios to its baseline", () => {
    const table = sizeTable(size(30_000, 1, false), clients);
    const peer = table.split("\n").find((line) => line.startsWith("peer"));
    // CPU 3 and 4 ms against raw's 1 and 2 in the same rounds: median 3.5 ms, ratios 3 and 2, median 2.5.
    expect(peer?.split(/\s{2,}/)).toEqual(["peer", "raw", "3.50", "2.50x", "7.00", "2.50x", "1.00"]);
    expect(table).toContain("over budget (> 1 s per call)");
  });

  it("fits the growth over the sizes each client was measured at, and says when they are fewer", () => {
    const table = growthTable([size(30_000, 1, true), size(300_000, 10, true), size(1_000_000, 100, false)], clients);
    const exponent = (label: string) => table.split("\n").find((line) => line.startsWith(label))?.split(/\s{2,}/).at(-1);
    // raw costs 1.5, 15 and 150 ms: ten times per step, over ten and then 3.3 times the size.
    expect(exponent("raw")).toBe(growthExponent([{ characters: 30_000, value: 1.5 }, { characters: 300_000, value: 15 }, { characters: 1_000_000, value: 150 }])?.toFixed(2));
    expect(exponent("slow")).toBe("1.00 (30 KB -> 300 KB only)");
  });
});

describe("bench stream args", () => {
  it("reads sizes with decimal units, sorted and without repeats", () => {
    expect(["300", "3k", "3KB", "1m", "1MB", "1.5mb", "40 b"].map(parseSize)).toEqual([300, 3_000, 3_000, 1_000_000, 1_000_000, 1_500_000, 40]);
    expect(parseStreamBenchArgs(["--sizes", "1m,300,3k,300"]).sizes).toEqual([300, 3_000, 1_000_000]);
    expect(() => parseSize("3 GB")).toThrow(/--sizes/);
    expect(() => parseSize("0")).toThrow(/--sizes/);
  });

  it("has a quick set of defaults, and flags override them", () => {
    const quick = parseStreamBenchArgs(["--quick"]);
    expect(quick.sizes).toEqual([...QUICK_SIZES]);
    expect(quick.rounds).toBe(1);
    expect(parseStreamBenchArgs([]).sizes).toHaveLength(5);
    expect(parseStreamBenchArgs(["--quick", "--rounds", "4"]).rounds).toBe(4);
    expect(parseStreamBenchArgs(["--clients", "raw, cortex-partial"]).clients).toEqual(["raw", "cortex-partial"]);
    expect(() => parseStreamBenchArgs(["--rounds", "0"])).toThrow(/--rounds must be an integer >= 1/);
    expect(() => parseStreamBenchArgs(["--nope"])).toThrow();
  });

  it("sizes blocks to about --block-ms of raw calls, 1 to 50 calls", () => {
    expect(callsPerBlock(10, 300)).toBe(30);
    expect(callsPerBlock(1_000, 300)).toBe(1);
    expect(callsPerBlock(1, 300)).toBe(50);
    expect(callsPerBlock(Number.NaN, 300)).toBe(50);
  });
});

describe("bench timeCall", () => {
  it("measures a call and the time to its first partial", async () => {
    const outcome = await timeCall(async (_signal, onPartial) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      onPartial();
      onPartial();
      return "value";
    }, 1_000);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.timing.value).toBe("value");
    expect(outcome.timing.firstPartialMs).toBeGreaterThan(0);
    expect(outcome.timing.wallMs).toBeGreaterThanOrEqual(outcome.timing.firstPartialMs ?? 0);
  });

  it("aborts a call over budget, and abandons one that ignores the abort", async () => {
    const aborted = await timeCall(
      (signal) => new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason as Error))),
      10,
    );
    expect(aborted).toMatchObject({ ok: false, overBudget: true });
    const abandoned = await timeCall(() => new Promise(() => undefined), 10, 10);
    expect(abandoned).toMatchObject({ ok: false, overBudget: true });
  });

  it("reports a failed call with its error", async () => {
    const failed = await timeCall(() => Promise.reject(new TypeError("boom")), 1_000);
    expect(failed).toEqual({ ok: false, overBudget: false, message: "TypeError: boom" });
  });
});

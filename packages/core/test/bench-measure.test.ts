import { describe, expect, it } from "vitest";
import { parseBenchArgs } from "../bench/bench-args.js";
import { pairedRatios, runInterleaved, sumRuns } from "../bench/measure.js";

describe("bench runInterleaved", () => {
  it("alternates blocks A B C, C B A, ... and gives each client exactly its calls", async () => {
    const log: string[] = [];
    const client = (name: string) => async () => {
      log.push(name);
    };
    const results = await runInterleaved([client("a"), client("b"), client("c")], 5, 2, 1);
    expect(log.join("")).toBe("aabbcc" + "ccbbaa" + "abc");
    expect(results.map((result) => result.calls)).toEqual([5, 5, 5]);
    for (const result of results) expect(result.callsPerSecond).toBeGreaterThan(0);
  });

  it("can start from the other end, after unmeasured settle calls per client", async () => {
    const log: string[] = [];
    const client = (name: string) => async () => {
      log.push(name);
    };
    const results = await runInterleaved([client("a"), client("b")], 4, 2, 1, { startBackward: true, settleCalls: 1 });
    expect(log.join("")).toBe("ba" + "bbaa" + "aabb");
    // The settle calls are not in the results.
    expect(results.map((result) => result.calls)).toEqual([4, 4]);
  });

  it("keeps concurrent workers within the block", async () => {
    let inFlight = 0;
    let most = 0;
    const call = async () => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 1));
      inFlight -= 1;
    };
    const [result] = await runInterleaved([call], 10, 3, 8);
    expect(result?.calls).toBe(10);
    expect(most).toBe(3);
  });
});

describe("bench sumRuns", () => {
  it("adds calls, wall and CPU time and derives the rates from the sums", () => {
    const total = sumRuns([
      { calls: 10, wallMs: 10, cpuMicros: 5_000, callsPerSecond: 1_000, cpuMicrosPerCall: 500 },
      { calls: 30, wallMs: 10, cpuMicros: 3_000, callsPerSecond: 3_000, cpuMicrosPerCall: 100 },
    ]);
    expect(total).toEqual({ calls: 40, wallMs: 20, cpuMicros: 8_000, callsPerSecond: 2_000, cpuMicrosPerCall: 200 });
  });
});

describe("bench pairedRatios", () => {
  it("compares each round's runs: throughput other/raw, CPU raw/other", () => {
    const run = (callsPerSecond: number, cpuMicrosPerCall: number) => ({ calls: 1, wallMs: 1, cpuMicros: 1, callsPerSecond, cpuMicrosPerCall });
    expect(pairedRatios([run(100, 500), run(200, 400)], [run(90, 550), run(200, 500)])).toEqual([
      { throughput: 0.9, cpu: 500 / 550 },
      { throughput: 1, cpu: 0.8 },
    ]);
  });
});

describe("bench args", () => {
  it("reads --block and rejects a bad one by name", () => {
    expect(parseBenchArgs([]).block).toBeUndefined();
    expect(parseBenchArgs(["--block", "50"]).block).toBe(50);
    expect(() => parseBenchArgs(["--block", "0"])).toThrow(/--block must be an integer >= 1/);
  });
});

import { describe, expect, it } from "vitest";
import { AdaptiveConcurrency } from "./adaptive-concurrency.js";

function clock() {
  let now = 0;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

/** Runs `count` requests one after the other, each ending with `outcome`. */
function run(limit: AdaptiveConcurrency, count: number, latencyMs = 10): void {
  for (let index = 0; index < count; index += 1) {
    expect(limit.tryAcquire()).toBe(true);
    limit.release({ kind: "answered", latencyMs });
  }
}

describe("AdaptiveConcurrency", () => {
  it("grows by one after each window of healthy answers, up to the maximum", () => {
    const limit = new AdaptiveConcurrency({ initial: 2, maximum: 5 });
    run(limit, 2);
    expect(limit.limit).toBe(3);
    run(limit, 3);
    expect(limit.limit).toBe(4);
    run(limit, 100);
    expect(limit.limit).toBe(5);
  });

  it("refuses a slot past the limit and frees it on release", () => {
    const limit = new AdaptiveConcurrency({ initial: 1, maximum: 1 });
    expect(limit.tryAcquire()).toBe(true);
    expect(limit.tryAcquire()).toBe(false);
    limit.release({ kind: "failed" });
    expect(limit.inFlight).toBe(0);
    expect(limit.tryAcquire()).toBe(true);
  });

  it("halves on a 429, once per cooldown, never below the minimum", () => {
    const time = clock();
    const limit = new AdaptiveConcurrency({ initial: 16, maximum: 64, now: time.now });
    for (let index = 0; index < 8; index += 1) limit.tryAcquire();
    for (let index = 0; index < 8; index += 1) limit.release({ kind: "overloaded" });
    expect(limit.limit).toBe(8);
    for (let step = 0; step < 10; step += 1) {
      time.advance(1_000);
      limit.tryAcquire();
      limit.release({ kind: "overloaded" });
    }
    expect(limit.limit).toBe(1);
  });

  it("treats an answer far slower than usual as overload, after the warm-up", () => {
    const time = clock();
    const limit = new AdaptiveConcurrency({ initial: 8, maximum: 8, warmupSamples: 10, now: time.now });
    run(limit, 10, 20);
    limit.tryAcquire();
    limit.release({ kind: "answered", latencyMs: 500 });
    expect(limit.limit).toBe(4);
  });

  it("learns nothing from a failed connection", () => {
    const limit = new AdaptiveConcurrency({ initial: 4 });
    limit.tryAcquire();
    limit.release({ kind: "failed" });
    expect(limit.limit).toBe(4);
  });
});

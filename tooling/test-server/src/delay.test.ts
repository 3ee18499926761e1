import { describe, expect, it } from "vitest";
import { delay } from "./delay.js";

describe("delay", () => {
  it("waits about the time asked and resolves true", async () => {
    const started = performance.now();
    await expect(delay(60, new AbortController().signal)).resolves.toBe(true);
    expect(performance.now() - started).toBeGreaterThanOrEqual(50);
  });

  it("resolves true at once for no delay", async () => {
    await expect(delay(undefined, new AbortController().signal)).resolves.toBe(true);
    await expect(delay(0, new AbortController().signal)).resolves.toBe(true);
  });

  it("resolves false when aborted before or during the wait", async () => {
    await expect(delay(10, AbortSignal.abort())).resolves.toBe(false);
    const controller = new AbortController();
    const started = performance.now();
    const waiting = delay(10_000, controller.signal);
    setTimeout(() => controller.abort(), 20);
    await expect(waiting).resolves.toBe(false);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

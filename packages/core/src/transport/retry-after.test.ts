import { describe, expect, it } from "vitest";
import { retryAfterMs } from "./retry-after.js";

describe("retryAfterMs", () => {
  it("prefers retry-after-ms", () => {
    expect(retryAfterMs(new Headers({ "retry-after-ms": "250", "retry-after": "9" }))).toBe(250);
  });

  it("reads retry-after in seconds and as an HTTP date", () => {
    expect(retryAfterMs({ "retry-after": "2" })).toBe(2000);
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(retryAfterMs({ "retry-after": "Thu, 01 Jan 2026 00:00:03 GMT" }, now)).toBe(3000);
  });

  it("ignores absent, unreadable, negative and too-long values", () => {
    expect(retryAfterMs(undefined)).toBeUndefined();
    expect(retryAfterMs({ "retry-after": "soon" })).toBeUndefined();
    expect(retryAfterMs({ "retry-after-ms": "-5" })).toBeUndefined();
    expect(retryAfterMs({ "retry-after": "3600" })).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import { parsePollInterval } from "./poll-interval.js";

describe("parsePollInterval", () => {
  it("reads seconds by default, and ms / s / m suffixes", () => {
    expect(parsePollInterval(undefined, 30_000)).toBe(30_000);
    expect(parsePollInterval("45", 0)).toBe(45_000);
    expect(parsePollInterval("500ms", 0)).toBe(500);
    expect(parsePollInterval("1.5s", 0)).toBe(1_500);
    expect(parsePollInterval("2m", 0)).toBe(120_000);
  });

  it("names the expected form for anything else", () => {
    expect(() => parsePollInterval("soon", 0)).toThrow('--poll-interval expects a duration such as 30s, 500ms or 2m, got "soon"');
    expect(() => parsePollInterval("0ms", 0)).toThrow("between 1ms and 60m");
    expect(() => parsePollInterval("2h", 0)).toThrow("expects a duration");
  });
});

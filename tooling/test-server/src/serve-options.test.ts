import { describe, expect, it } from "vitest";
import { parseServeArgs } from "./serve-options.js";

describe("parseServeArgs", () => {
  it("reads --content in both spellings", () => {
    expect(parseServeArgs(["--content", '{"a":1}'])).toEqual({ content: '{"a":1}' });
    expect(parseServeArgs(['--content={"a":1}'])).toEqual({ content: '{"a":1}' });
  });

  it("keeps empty content", () => {
    expect(parseServeArgs(["--content", ""])).toEqual({ content: "" });
  });

  it("requires --content and refuses unknown flags, with the usage", () => {
    expect(() => parseServeArgs([])).toThrow(/missing --content[\s\S]*usage:/);
    expect(() => parseServeArgs(["--content", "x", "--port", "1"])).toThrow(/usage:/);
  });
});

import { describe, expect, it } from "vitest";
import { PartialJsonParser } from "./index.js";

describe("PartialJsonParser: maxDepth", () => {
  it("allows nesting up to maxDepth", () => {
    const parser = new PartialJsonParser({ maxDepth: 3 });
    parser.write('[{"a":[]}]');
    expect(parser.end()).toEqual([{ a: [] }]);
  });

  it("throws a depth error at the container that goes deeper", () => {
    const parser = new PartialJsonParser({ maxDepth: 3 });
    parser.write('[{"a":[');
    expect(() => parser.write("{}]}]")).toThrow(expect.objectContaining({ name: "PartialJsonError", code: "depth", position: 7 }));
  });

  it("defaults to 256", () => {
    const ok = new PartialJsonParser();
    ok.write(`${"[".repeat(256)}${"]".repeat(256)}`);
    expect(ok.end()).toBeDefined();
    const deep = new PartialJsonParser();
    expect(() => deep.write("[".repeat(257))).toThrow(expect.objectContaining({ code: "depth", position: 256 }));
  });

  it("closes containers without recursion, so deep documents are cheap", () => {
    const depth = 100_000;
    const parser = new PartialJsonParser({ maxDepth: depth });
    parser.write("[".repeat(depth));
    parser.write("]".repeat(depth));
    expect(Array.isArray(parser.end())).toBe(true);
  });
});

describe("PartialJsonParser: maxLength", () => {
  it("accepts exactly maxLength characters", () => {
    const parser = new PartialJsonParser({ maxLength: 8 });
    parser.write('["ab",');
    parser.write("1]");
    expect(parser.end()).toEqual(["ab", 1]);
  });

  it("throws a size error, at position maxLength, once the total goes past it", () => {
    const parser = new PartialJsonParser({ maxLength: 8 });
    parser.write('["ab",');
    expect(() => parser.write("12]")).toThrow(expect.objectContaining({ name: "PartialJsonError", code: "size", position: 8 }));
    expect(() => parser.end()).toThrow(expect.objectContaining({ code: "size" }));
  });

  it("defaults to 16 Mi characters", () => {
    const parser = new PartialJsonParser();
    parser.write(`"${"x".repeat(16 * 1024 * 1024 - 2)}`);
    expect(() => parser.write('""')).toThrow(expect.objectContaining({ code: "size", position: 16 * 1024 * 1024 }));
  });
});

describe("PartialJsonParser: options", () => {
  it("rejects limits that are not positive integers (Infinity allowed)", () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      expect(() => new PartialJsonParser({ maxDepth: bad })).toThrow(RangeError);
      expect(() => new PartialJsonParser({ maxLength: bad })).toThrow(RangeError);
    }
    expect(() => new PartialJsonParser({ maxDepth: Number.POSITIVE_INFINITY, maxLength: Number.POSITIVE_INFINITY })).not.toThrow();
  });
});

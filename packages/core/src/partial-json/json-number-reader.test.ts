import { describe, expect, it } from "vitest";
import { JsonNumberReader } from "./json-number-reader.js";
import { PartialJsonError } from "./partial-json-error.js";

/** Reads `text` in two chunks split at `split`, then ends the stream; returns the number or throws. */
function readNumber(text: string, split: number): number {
  const reader = new JsonNumberReader();
  reader.reset();
  const first = text.slice(0, split);
  expect(reader.read(first, 0, 0)).toBe(first.length);
  const second = text.slice(split);
  const stop = reader.read(second, 0, split);
  if (!reader.done) {
    expect(stop).toBe(second.length);
    if (!reader.end()) throw new PartialJsonError("incomplete", text.length, "Unfinished number");
  }
  return reader.value;
}

describe("JsonNumberReader", () => {
  const valid = ["0", "-0", "7", "-12", "1.5", "-1.5e-3", "1E+2", "1e2", "0.0e-0", "123456789012345678901234567890", "1e400", "-1e-400", "5e-324"];
  for (const text of valid) {
    it(`reads ${text} like JSON.parse, split at every position`, () => {
      for (let split = 0; split <= text.length; split += 1) expect(Object.is(readNumber(text, split), JSON.parse(text))).toBe(true);
    });
  }

  it("is done only at a character that cannot continue the number, and does not consume it", () => {
    const reader = new JsonNumberReader();
    expect(reader.read("12", 0, 0)).toBe(2);
    expect(reader.done).toBe(false);
    expect(reader.read("3,", 0, 2)).toBe(1);
    expect(reader.done).toBe(true);
    expect(reader.value).toBe(123);
  });

  it("reads from the given index of a chunk", () => {
    const reader = new JsonNumberReader();
    expect(reader.read("[1,-25]", 3, 0)).toBe(6);
    expect(reader.value).toBe(-25);
  });

  const syntaxErrors: readonly (readonly [string, number])[] = [
    ["01", 1],
    ["-01", 2],
    ["00", 1],
    ["--1", 1],
    ["-a", 1],
    ["1.e3", 2],
    ["1.]", 2],
    ["1e]", 2],
    ["1e+]", 3],
    ["-.5", 1],
  ];
  for (const [text, position] of syntaxErrors) {
    it(`rejects ${text} at position ${position}`, () => {
      expect(() => JSON.parse(text)).toThrow(SyntaxError);
      const reader = new JsonNumberReader();
      expect(() => reader.read(text, 0, 0)).toThrow(expect.objectContaining({ code: "syntax", position }));
    });
  }

  for (const text of ["-", "1.", "1e", "1E-", "-0."]) {
    it(`reports ${text} as unfinished at the end of the stream`, () => {
      expect(() => JSON.parse(text)).toThrow(SyntaxError);
      const reader = new JsonNumberReader();
      reader.read(text, 0, 0);
      expect(reader.done).toBe(false);
      expect(reader.end()).toBe(false);
    });
  }
});

import { describe, expect, it } from "vitest";
import { PartialJsonError, type PartialJsonErrorCode, PartialJsonParser } from "./index.js";

interface Outcome {
  readonly stage: "write" | "end";
  readonly code: PartialJsonErrorCode;
  readonly position: number;
}

/** Feeds `text` whole, then one character at a time; both runs must fail the same way. */
function failure(text: string): Outcome | undefined {
  const outcomes = [[text], [...text]].map((chunks): Outcome | undefined => {
    const parser = new PartialJsonParser();
    let stage: Outcome["stage"] = "write";
    try {
      for (const chunk of chunks) parser.write(chunk);
      stage = "end";
      parser.end();
      return undefined;
    } catch (error) {
      if (!PartialJsonError.isInstance(error)) throw error;
      return { stage, code: error.code, position: error.position };
    }
  });
  expect(outcomes[1]).toEqual(outcomes[0]);
  return outcomes[0];
}

describe("PartialJsonParser: strict JSON, as JSON.parse", () => {
  const syntax: readonly (readonly [string, number])[] = [
    ["'a'", 0],
    ["[1,]", 3],
    ['{"a":1,}', 7],
    ["[,1]", 1],
    ["[1,,2]", 3],
    ["{,}", 1],
    ["01", 1],
    ["-01", 2],
    ["+1", 0],
    [".5", 0],
    ["[1.]", 3],
    ["[1e]", 3],
    ["[1.e3]", 3],
    ["[-]", 2],
    ["[0x10]", 2],
    ["[1_000]", 2],
    ["[1e1.5]", 4],
    ['"a\u0001b"', 2],
    ['"line\nbreak"', 5],
    ['"\\x"', 2],
    ["\"\\'\"", 2],
    ['"\\u12G4"', 5],
    ["NaN", 0],
    ["Infinity", 0],
    ["-Infinity", 1],
    ["[undefined]", 1],
    ["True", 0],
    ["trux", 3],
    ["nul l", 3],
    ["// comment\n1", 0],
    ["/* c */ 1", 0],
    ["[1 /* c */]", 3],
    ["1 2", 2],
    ["{} {}", 3],
    ['{"a":1}}', 7],
    ["\uFEFF{}", 0],
    ["\u00a0[]", 0],
    ["\f[]", 0],
    ["\v[]", 0],
    ['{"a"}', 4],
    ['{"a" 1}', 5],
    ["{a:1}", 1],
    ["{'a':1}", 1],
    ['{"a":1 "b":2}', 7],
    ["[1 2]", 3],
    ['["a" "b"]', 5],
    ["[1}", 2],
    ['{"a":1]', 6],
    ["]", 0],
  ];
  for (const [text, position] of syntax) {
    it(`rejects ${JSON.stringify(text)} while writing, at position ${position}`, () => {
      expect(() => JSON.parse(text)).toThrow(SyntaxError);
      expect(failure(text)).toEqual({ stage: "write", code: "syntax", position });
    });
  }

  const incomplete = ["", "   ", "-", "1.", "1e", "1E-", "tru", "nul", '"abc', '"ab\\', '"\\u00e', "[", '{"a"', '{"a":', "[1,", '{"a":{"b":[]}'];
  for (const text of incomplete) {
    it(`reports ${JSON.stringify(text)} as incomplete at end(), position ${text.length}`, () => {
      expect(() => JSON.parse(text)).toThrow(SyntaxError);
      expect(failure(text)).toEqual({ stage: "end", code: "incomplete", position: text.length });
    });
  }

  const valid = [
    "0",
    "-0",
    "-1.5e-3",
    "1E+2",
    "1e400",
    " \t\n\r[ \t\n\r1 \t\n\r, \t\n\r2 \t\n\r] \t\n\r",
    '"\\/\\b\\f\\n\\r\\t\\"\\\\\\u0000"',
    '{"":""}',
    '{"a":{"a":{"a":[]}}}',
    "[[[[[]]]]]",
    '"\u2028\u2029\u007f"',
  ];
  for (const text of valid) {
    it(`accepts ${JSON.stringify(text)} with the same value`, () => {
      expect(failure(text)).toBeUndefined();
      const parser = new PartialJsonParser();
      parser.write(text);
      const result = parser.end();
      expect(result).toEqual(JSON.parse(text));
      if (typeof result === "number") expect(Object.is(result, JSON.parse(text))).toBe(true);
    });
  }

  it("reports positions in the whole stream, not in the chunk", () => {
    const parser = new PartialJsonParser();
    parser.write("[1,");
    parser.write(" 2");
    expect(() => parser.write(",]")).toThrow(expect.objectContaining({ code: "syntax", position: 6 }));
  });

  it("makes errors that identify themselves", () => {
    const parser = new PartialJsonParser();
    let caught: unknown;
    try {
      parser.write("[x");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PartialJsonError);
    expect(caught).toBeInstanceOf(Error);
    expect(PartialJsonError.isInstance(caught)).toBe(true);
    expect(PartialJsonError.isInstance(new Error("x"))).toBe(false);
    expect(PartialJsonError.isInstance(undefined)).toBe(false);
    expect(caught).toMatchObject({ name: "PartialJsonError", code: "syntax", position: 1 });
    expect((caught as Error).message).toMatch(/position 1/);
  });
});

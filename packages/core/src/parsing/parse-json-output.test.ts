import { describe, expect, it } from "vitest";
import { extractFencedJson } from "./extract-fenced-json.js";
import { extractJsonObject } from "./extract-json-object.js";
import { parseJsonOutput } from "./parse-json-output.js";

describe("parseJsonOutput", () => {
  it("parses plain JSON", () => {
    expect(parseJsonOutput(' {"name":"John","age":25} ')).toEqual({ ok: true, value: { name: "John", age: 25 } });
  });

  it("reads JSON wrapped in a fence or in prose", () => {
    expect(parseJsonOutput('Sure!\n```json\n{"a":1}\n```\nDone.')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseJsonOutput('Here it is: {"a":"}"} hope that helps')).toEqual({ ok: true, value: { a: "}" } });
  });

  it("reports what JSON.parse said when nothing parses", () => {
    const result = parseJsonOutput("{name: John}");
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/JSON/);
    expect(parseJsonOutput("   ")).toEqual({ ok: false, error: "the answer was empty" });
  });

  it("drops __proto__ keys so no prototype can change", () => {
    const result = parseJsonOutput('{"__proto__":{"polluted":true},"a":{"__proto__":{"x":1}}}');
    expect(result.ok).toBe(true);
    const value = (result as { value: Record<string, unknown> }).value;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.hasOwn(value, "__proto__")).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("extractFencedJson", () => {
  it("prefers a json-labelled fence over an unlabelled one", () => {
    expect(extractFencedJson("```\nnot this\n```\n```json\n{\"b\":2}\n```")).toBe('{"b":2}');
    expect(extractFencedJson("```\n{\"c\":3}\n```")).toBe('{"c":3}');
    expect(extractFencedJson('{"plain":true}')).toBe('{"plain":true}');
  });

  it("takes an unterminated fence to the end", () => {
    expect(extractFencedJson('```json\n{"a":1}')).toBe('{"a":1}');
  });

  it("grows linearly on 1 MB of hostile input (time ratio of 10x the input, not an absolute bound)", () => {
    const time = (size: number) => {
      const hostile = "```".repeat(size);
      const braces = "{".repeat(size);
      const started = performance.now();
      for (let round = 0; round < 3; round += 1) {
        extractFencedJson(hostile);
        extractJsonObject(braces);
        parseJsonOutput(braces);
      }
      return performance.now() - started;
    };
    time(10_000); // warm up
    // At the large size: "```" x 333,334 (1 MB) and "{" x 333,334.
    const small = time(33_334);
    const large = time(333_334);
    // Linear work gives about 10x; a quadratic scan would give about 100x.
    // The small run takes about 1 ms: below 2 ms its timer noise would dominate the ratio.
    expect(large / Math.max(small, 2)).toBeLessThan(35);
  });
});

describe("extractJsonObject", () => {
  it("finds the first balanced object, ignoring braces in strings", () => {
    expect(extractJsonObject('x {"a":"{\\"}","b":[1,{"c":2}]} y {"d":1}')).toBe('{"a":"{\\"}","b":[1,{"c":2}]}');
    expect(extractJsonObject("no json here")).toBeUndefined();
    expect(extractJsonObject('{"open": 1')).toBeUndefined();
  });
});

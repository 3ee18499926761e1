import { describe, expect, it } from "vitest";
import { type JsonPath, PartialJsonError, PartialJsonParser, parsePartialJsonOnce } from "./index.js";

/** Feeds `chunks` one by one and returns a deep copy of the value after each. */
function snapshots(chunks: readonly string[]): unknown[] {
  const parser = new PartialJsonParser();
  return chunks.map((chunk) => {
    parser.write(chunk);
    return structuredClone(parser.value);
  });
}

/** Feeds `text` one character at a time and returns the distinct snapshots, in order. */
function distinctSnapshots(text: string): unknown[] {
  const seen: unknown[] = [];
  for (const snapshot of snapshots([...text].flatMap((character) => character.split("")))) {
    if (seen.length === 0 || JSON.stringify(seen[seen.length - 1]) !== JSON.stringify(snapshot)) seen.push(snapshot);
  }
  return seen;
}

describe("PartialJsonParser: snapshots after each chunk", () => {
  it("shows containers and strings as they open, numbers and literals once complete", () => {
    const chunks = ['{"na', 'me":"Al', 'ice","ag', "e\":3", "2,", '"ok":tr', "ue,", '"tags":[', '"a",', "nu", "ll]", "}"];
    expect(snapshots(chunks)).toEqual([
      {},
      { name: "Al" },
      { name: "Alice" },
      { name: "Alice" },
      { name: "Alice", age: 32 },
      { name: "Alice", age: 32 },
      { name: "Alice", age: 32, ok: true },
      { name: "Alice", age: 32, ok: true, tags: [] },
      { name: "Alice", age: 32, ok: true, tags: ["a"] },
      { name: "Alice", age: 32, ok: true, tags: ["a"] },
      { name: "Alice", age: 32, ok: true, tags: ["a", null] },
      { name: "Alice", age: 32, ok: true, tags: ["a", null] },
    ]);
  });

  it("shows a string as soon as its quote is read", () => {
    expect(snapshots(['{"name":', '"', "A"])).toEqual([{}, { name: "" }, { name: "A" }]);
  });

  it("is undefined before the root value starts", () => {
    const parser = new PartialJsonParser();
    parser.write("  \n");
    expect(parser.value).toBeUndefined();
    parser.write("[");
    expect(parser.value).toEqual([]);
  });

  it("mutates the same objects in place (value is O(1), never a copy)", () => {
    const parser = new PartialJsonParser();
    parser.write('{"list":[{"a":"x');
    const root = parser.value as { list: { a: string }[] };
    const list = root.list;
    const first = list[0];
    parser.write('yz"},2]}');
    expect(parser.value).toBe(root);
    expect(root.list).toBe(list);
    expect(list[0]).toBe(first);
    expect(parser.end()).toBe(root);
    expect(root).toEqual({ list: [{ a: "xyz" }, 2] });
  });

  it("never shows a number before its delimiter: 1, 12 are not shown for 123", () => {
    expect(distinctSnapshots("[123,-1.5e-3]")).toEqual([[], [123], [123, -0.0015]]);
    expect(distinctSnapshots('{"n":-0}')).toEqual([{}, { n: -0 }]);
  });

  it("never shows a partial key, nor a member before its value starts", () => {
    expect(distinctSnapshots('{"key":"v","k2":7,"k3":{},"k4":[]}')).toEqual([
      {},
      { key: "" },
      { key: "v" },
      { key: "v", k2: 7 },
      { key: "v", k2: 7, k3: {} },
      { key: "v", k2: 7, k3: {}, k4: [] },
    ]);
  });

  it("shows literals only once complete", () => {
    expect(distinctSnapshots("[true,false,null]")).toEqual([[], [true], [true, false], [true, false, null]]);
  });

  it("shows a root string growing and root scalars only at end()", () => {
    expect(snapshots(['"ab', "c", '"'])).toEqual(["ab", "abc", "abc"]);
    const parser = new PartialJsonParser();
    parser.write("4");
    parser.write("2");
    expect(parser.value).toBeUndefined();
    expect(parser.end()).toBe(42);
    const literal = new PartialJsonParser();
    literal.write("fals");
    expect(literal.value).toBeUndefined();
    literal.write("e");
    expect(literal.value).toBe(false);
  });
});

describe("PartialJsonParser: chunks split inside every token kind", () => {
  const cases: readonly (readonly [string, readonly string[]])[] = [
    ["key", ['{"ab', 'c":1}']],
    ["string", ['["ab', 'c"]']],
    ["escape after backslash", ['["a\\', 'nb"]']],
    ["unicode escape", ['["\\u00', 'e9"]']],
    ["surrogate pair escape", ['["\\ud83d', '\\ude00"]']],
    ["raw surrogate pair", ['["x\ud83d', '\ude00y"]']],
    ["number", ["[-1.5e", "-3]"]],
    ["number before the dot", ["[12", ".5]"]],
    ["literal", ["[tru", "e]"]],
    ["whitespace", ['{ \n', ' "a" \t', ' : ', "1 \r", "\n}"]],
  ];
  for (const [kind, chunks] of cases) {
    it(`splits inside a ${kind}`, () => {
      const parser = new PartialJsonParser();
      for (const chunk of chunks) parser.write(chunk);
      expect(parser.end()).toEqual(JSON.parse(chunks.join("")));
    });
  }

  it("never shows half a surrogate pair or a raw backslash", () => {
    expect(snapshots(['["x\\', "ud83d", "\\ude0", "0", '"]'])).toEqual([["x"], ["x"], ["x"], ["x😀"], ["x😀"]]);
    expect(snapshots(['["x\ud83d', '\ude00"]'])).toEqual([["x"], ["x😀"]]);
  });

  it("splits a number across many chunks", () => {
    const parser = new PartialJsonParser();
    for (const chunk of ["[", "-", "1", "2", ".", "5", "E", "+", "2"]) parser.write(chunk);
    expect(parser.value).toEqual([]);
    parser.write("]");
    expect(parser.end()).toEqual([-1250]);
  });
});

describe("PartialJsonParser: duplicate keys", () => {
  it("keeps the last value, in the first key's place, like JSON.parse", () => {
    const text = '{"a":1,"b":2,"a":{"c":3}}';
    const parser = new PartialJsonParser();
    parser.write(text);
    const result = parser.end();
    expect(result).toEqual(JSON.parse(text));
    expect(Object.keys(result as object)).toEqual(Object.keys(JSON.parse(text)));
  });
});

describe("PartialJsonParser: isComplete", () => {
  it("tells closed values from open ones", () => {
    const parser = new PartialJsonParser();
    parser.write('{"done":"yes","list":[1,{"x":"ab');
    expect(parser.isComplete(["done"])).toBe(true);
    expect(parser.isComplete(["list", 0])).toBe(true);
    expect(parser.isComplete(["list", 1, "x"])).toBe(false);
    expect(parser.isComplete(["list", 1])).toBe(false);
    expect(parser.isComplete(["list"])).toBe(false);
    expect(parser.isComplete([])).toBe(false);
    expect(parser.isComplete(["missing"])).toBe(false);
    expect(parser.isComplete(["list", 2])).toBe(false);
    expect(parser.isComplete(["list", "0"])).toBe(false);
    parser.write('"},3');
    expect(parser.isComplete(["list", 1, "x"])).toBe(true);
    expect(parser.isComplete(["list", 1])).toBe(true);
    expect(parser.isComplete(["list", 2])).toBe(false);
    parser.write("]}");
    expect(parser.isComplete(["list", 2])).toBe(true);
    expect(parser.isComplete([])).toBe(true);
  });

  it("handles a root string and the empty stream", () => {
    const parser = new PartialJsonParser();
    expect(parser.isComplete([])).toBe(false);
    parser.write('"ab');
    expect(parser.isComplete([])).toBe(false);
    parser.write('"');
    expect(parser.isComplete([])).toBe(true);
  });

  it("tells a completed sibling string from the one being read", () => {
    const parser = new PartialJsonParser();
    parser.write('[["a"],["b');
    expect(parser.isComplete([0, 0])).toBe(true);
    expect(parser.isComplete([1, 0])).toBe(false);
  });
});

describe("PartialJsonParser: onValueComplete", () => {
  it("reports every value once, innermost first, with its path", () => {
    const calls: [JsonPath, unknown][] = [];
    const parser = new PartialJsonParser({ onValueComplete: (path, value) => calls.push([path, structuredClone(value)]) });
    for (const character of '{"a":[1,"s",{"b":null}],"c":true}') parser.write(character);
    parser.end();
    expect(calls).toEqual([
      [["a", 0], 1],
      [["a", 1], "s"],
      [["a", 2, "b"], null],
      [["a", 2], { b: null }],
      [["a"], [1, "s", { b: null }]],
      [["c"], true],
      [[], { a: [1, "s", { b: null }], c: true }],
    ]);
  });

  it("reports a root number at end()", () => {
    const calls: unknown[] = [];
    const parser = new PartialJsonParser({ onValueComplete: (path, value) => calls.push([path, value]) });
    parser.write("7");
    expect(calls).toEqual([]);
    parser.end();
    expect(calls).toEqual([[[], 7]]);
  });
});

describe("PartialJsonParser: callback errors and reentrancy", () => {
  it("rethrows an error of onValueComplete and stays failed", () => {
    const failure = new Error("callback failed");
    const parser = new PartialJsonParser({
      onValueComplete: () => {
        throw failure;
      },
    });
    expect(() => parser.write("[1,")).toThrow(failure);
    expect(() => parser.write("2]")).toThrow(failure);
    expect(() => parser.end()).toThrow(failure);
  });

  it("refuses write() and end() from inside onValueComplete", () => {
    const errors: unknown[] = [];
    const parser: PartialJsonParser = new PartialJsonParser({
      onValueComplete: () => {
        for (const call of [() => parser.write("1"), () => parser.end()]) errors.push(catchError(call));
      },
    });
    parser.write("[true]");
    expect(errors.map((error) => (error as Error).message)).toEqual([
      "PartialJsonParser.write() called from onValueComplete",
      "PartialJsonParser.end() called from onValueComplete",
      "PartialJsonParser.write() called from onValueComplete",
      "PartialJsonParser.end() called from onValueComplete",
    ]);
    expect(parser.end()).toEqual([true]);
  });
});

describe("PartialJsonParser: end()", () => {
  it("returns the final value, idempotently", () => {
    const parser = new PartialJsonParser();
    parser.write('{"a":[1,2]}  ');
    expect(parser.end()).toEqual({ a: [1, 2] });
    expect(parser.end()).toEqual({ a: [1, 2] });
    expect(() => parser.write("1")).toThrow(/after end/);
  });

  it("throws incomplete with the total length as position", () => {
    const parser = new PartialJsonParser();
    parser.write('{"a":');
    parser.write("[1");
    const error = catchError(() => parser.end());
    expect(PartialJsonError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ name: "PartialJsonError", code: "incomplete", position: 7 });
  });

  it("keeps failing after an error", () => {
    const parser = new PartialJsonParser();
    const first = catchError(() => parser.write("[1,]"));
    expect(catchError(() => parser.write("2"))).toBe(first);
    expect(catchError(() => parser.end())).toBe(first);
  });
});

describe("parsePartialJsonOnce", () => {
  it("returns the partial value of a prefix", () => {
    expect(parsePartialJsonOnce('{"a":"hel')).toEqual({ a: "hel" });
    expect(parsePartialJsonOnce('{"a":12')).toEqual({});
    expect(parsePartialJsonOnce("[1,2]")).toEqual([1, 2]);
    expect(() => parsePartialJsonOnce("[1,,")).toThrow(PartialJsonError);
  });
});

function catchError(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}

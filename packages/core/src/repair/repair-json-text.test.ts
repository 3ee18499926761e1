import { describe, expect, it } from "vitest";
import { parseJsonOutput } from "../parsing/parse-json-output.js";
import { RepairTally } from "./repair-kinds.js";
import { repairJsonText } from "./repair-json-text.js";

function repaired(text: string): { text: string | undefined; count: number; kinds: readonly string[] } {
  const tally = new RepairTally();
  return { text: repairJsonText(text, tally), count: tally.count, kinds: tally.kinds };
}

function value(text: string): unknown {
  const result = repaired(text);
  const parsed = result.text === undefined ? undefined : parseJsonOutput(result.text);
  return parsed?.ok ? parsed.value : undefined;
}

describe("repairJsonText", () => {
  it("drops trailing commas in objects and arrays", () => {
    expect(repaired('{"a": 1, "b": [1, 2, ],}')).toEqual({ text: '{"a": 1, "b": [1, 2 ]}', count: 2, kinds: ["trailing-comma"] });
  });

  it("turns single-quoted strings into JSON strings, escaping double quotes and unescaping \\'", () => {
    expect(value("{'name': 'O\\'Brien', 'quote': 'she said \"hi\"'}")).toEqual({ name: "O'Brien", quote: 'she said "hi"' });
    expect(repaired("{'a': 'x'}").kinds).toEqual(["single-quotes"]);
  });

  it("quotes bare keys, but never bare values", () => {
    expect(value("{name: \"John\", $age_2: 25, nested: {is-ok: true}}")).toEqual({ name: "John", $age_2: 25, nested: { "is-ok": true } });
    expect(repaired("{name: 1}").kinds).toEqual(["unquoted-key"]);
    expect(value('{"a": true, "b": null}')).toBeUndefined(); // already JSON: nothing to repair
  });

  it("adds the brackets missing at the end, dropping a dangling comma", () => {
    expect(repaired('{"items": [{"a": 1}, {"b": 2},')).toEqual({ text: '{"items": [{"a": 1}, {"b": 2}]}', count: 3, kinds: ["trailing-comma", "missing-bracket"] });
  });

  it("repairs several kinds at once, inside a fence and after prose", () => {
    const answer = "Sure! Here it is:\n```json\n{name: 'John', tags: ['a', 'b',],\n```";
    expect(value(answer)).toEqual({ name: "John", tags: ["a", "b"] });
    expect(repaired(answer).kinds).toEqual(["unquoted-key", "single-quotes", "trailing-comma", "missing-bracket"]);
  });

  it("stops where the value closes, ignoring the prose after it", () => {
    expect(value("{a: 1} and then {b: 2}")).toEqual({ a: 1 });
  });

  it("leaves brackets, commas and quotes inside strings alone", () => {
    expect(value('{"text": "a, } ] \' b", c: 1}')).toEqual({ text: "a, } ] ' b", c: 1 });
  });

  it("does not guess at an answer that ends inside a string or has mismatched brackets", () => {
    expect(repaired('{"name": "Jo').text).toBeUndefined();
    expect(repaired('{"a": [1, 2}').text).toBeUndefined();
    expect(repaired("no json at all").text).toBeUndefined();
  });

  it("grows linearly on 1 MB of hostile input (time ratio of 10x the input, not an absolute bound)", () => {
    const hostile = (size: number) => [
      "{".repeat(size),
      "[".repeat(size),
      "'".repeat(size),
      `{${"a".repeat(size)}`,
      `{${"a,".repeat(size)}`,
      `[${"1,".repeat(size)}`,
      `{${"k: 1, ".repeat(size / 6)}`,
      `{'${"\\'".repeat(size / 2)}`,
    ];
    const time = (size: number) => {
      const inputs = hostile(size);
      const started = performance.now();
      for (const input of inputs) repairJsonText(input, new RepairTally());
      return performance.now() - started;
    };
    time(10_000); // warm up
    // At the large size each input is about 333 KB, up to 1 MB ("\\'" x 166,667 plus quotes).
    const small = Math.min(time(33_336), time(33_336));
    const large = time(333_336);
    // Linear work gives about 10x; a quadratic scan would give about 100x. Floor the small run at 2 ms against timer noise.
    expect(large / Math.max(small, 2)).toBeLessThan(35);
  }, 120_000);
});

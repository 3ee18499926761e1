import { describe, expect, it } from "vitest";
import { compareWithLabel } from "./compare-with-label.js";
import { type ComparisonOptions, resolveComparison } from "./comparison-options.js";
import { fieldScores } from "./field-score.js";

/** Per-path counts as `path: matched/mismatched/missing/extra`. */
function counts(label: unknown, output: unknown, options: ComparisonOptions = {}): Record<string, string> {
  const { events } = compareWithLabel(label, output, resolveComparison(options));
  return Object.fromEntries(fieldScores(events, []).map((row) => [row.path, `${row.matched}/${row.mismatched}/${row.missing}/${row.extra}`]));
}

describe("compareWithLabel", () => {
  it("matches normalized strings: case, whitespace runs, Unicode compatibility and composed forms, ß", () => {
    const label = { a: "New York", b: "Café", c: "ＡＢＣ１２３", d: "Straße", e: "tab\tand\nnewline", f: "zero\u200Bwidth" };
    const output = { a: "  new   YORK ", b: "Cafe\u0301", c: "abc123", d: "STRASSE", e: "TAB AND NEWLINE", f: "zerowidth" };
    expect(counts(label, output)).toEqual({ a: "1/0/0/0", b: "1/0/0/0", c: "1/0/0/0", d: "1/0/0/0", e: "1/0/0/0", f: "1/0/0/0" });
  });

  it("keeps accents and punctuation: é is not e, and exact strings compare as written", () => {
    expect(counts({ a: "résumé", b: "A-1" }, { a: "resume", b: "A1" })).toEqual({ a: "0/1/0/0", b: "0/1/0/0" });
    expect(counts({ a: "Oslo", b: "Oslo" }, { a: "oslo", b: "oslo" }, { paths: { b: { strings: "exact" } } })).toEqual({ a: "1/0/0/0", b: "0/1/0/0" });
    expect(counts({ a: "Oslo" }, { a: "oslo" }, { strings: "exact" })).toEqual({ a: "0/1/0/0" });
  });

  it("compares numbers exactly by default, within an absolute or relative tolerance when asked", () => {
    expect(counts({ x: 10, y: 0.3 }, { x: 10.001, y: 0.1 + 0.2 })).toEqual({ x: "0/1/0/0", y: "1/0/0/0" });
    expect(counts({ x: 10 }, { x: 10.01 }, { tolerance: 0.01 })).toEqual({ x: "1/0/0/0" });
    expect(counts({ x: 10 }, { x: 10.02 }, { tolerance: 0.01 })).toEqual({ x: "0/1/0/0" });
    // 1.1 - 1.0 is 0.10000000000000009 in binary: still within a tolerance of 0.1.
    expect(counts({ x: 1 }, { x: 1.1 }, { tolerance: 0.1 })).toEqual({ x: "1/0/0/0" });
    expect(counts({ x: 200, y: 200 }, { x: 202, y: 203 }, { relativeTolerance: 0.01 })).toEqual({ x: "1/0/0/0", y: "0/1/0/0" });
    // A per-path rule wins over the defaults; others keep them.
    expect(counts({ x: 10, y: 10 }, { x: 10.5, y: 10.5 }, { paths: { x: { tolerance: 1 } } })).toEqual({ x: "1/0/0/0", y: "0/1/0/0" });
    // A number is not its string.
    expect(counts({ x: 25 }, { x: "25" })).toEqual({ x: "0/1/0/0" });
  });

  it("counts a value only the label has as missing, one only the answer has as extra; null is no value", () => {
    expect(counts({ a: 1, b: null, c: 3 }, { a: 1, d: 4, c: null })).toEqual({ a: "1/0/0/0", c: "0/0/1/0", d: "0/0/0/1" });
    const { disagreements } = compareWithLabel({ a: 1, c: 3 }, { a: 1, d: 4 }, resolveComparison());
    expect(disagreements).toEqual([
      { at: "c", outcome: "missing", label: 3 },
      { at: "d", outcome: "extra", output: 4 },
    ]);
  });

  it("matches arrays of values as sets: order does not count, duplicates do, each element under the field's rules", () => {
    expect(counts({ tags: ["a", "b", "c"] }, { tags: ["C", "a", "d"] })).toEqual({ "tags[]": "2/0/1/1" });
    expect(counts({ tags: ["a", "a"] }, { tags: ["a"] })).toEqual({ "tags[]": "1/0/1/0" });
    expect(counts({ prices: [1, 2] }, { prices: [2.004, 0.996] }, { paths: { prices: { tolerance: 0.01 } } })).toEqual({ "prices[]": "2/0/0/0" });
    // Tolerance makes pairs ambiguous: 1.5 could take 1 or 2; the best pairing matches both.
    expect(counts({ values: [1, 2] }, { values: [1.5, 2.4] }, { tolerance: 0.5 })).toEqual({ "values[]": "2/0/0/0" });
    // An empty or absent array has no elements to count.
    expect(counts({ tags: [] }, {})).toEqual({});
  });

  it("pairs arrays of objects element by element, in any order, and scores their fields on their own rows", () => {
    const label = { people: [{ name: "Ann", age: 30 }, { name: "Bo", age: 41 }, { name: "Cy", age: 9 }] };
    const output = { people: [{ name: "bo", age: 41 }, { name: "Ann", age: 31 }, { name: "Dee", age: 50 }] };
    expect(counts(label, output)).toEqual({
      // Bo matches whole; Ann is paired but her age is wrong; Cy is missing and Dee extra.
      "people[]": "1/1/1/1",
      "people[].name": "2/0/1/1",
      "people[].age": "1/1/1/1",
    });
    const { disagreements } = compareWithLabel(label, output, resolveComparison());
    expect(disagreements).toEqual([
      { at: "people[0].age", outcome: "mismatched", label: 30, output: 31 },
      { at: "people[2]", outcome: "missing", label: { name: "Cy", age: 9 } },
      { at: "people[2]", outcome: "extra", output: { name: "Dee", age: 50 } },
    ]);
  });

  it("prefers the pairing that matches most fields, and an element right everywhere over a partial one", () => {
    // Greedy pairing by the first good match would give A to the first answer and lose a field.
    const label = { rows: [{ a: 1, b: 2 }, { a: 1, b: 3, c: 4 }] };
    const output = { rows: [{ a: 1, b: 3, c: 4 }, { a: 1, b: 2 }] };
    expect(counts(label, output)).toEqual({ "rows[]": "2/0/0/0", "rows[].a": "2/0/0/0", "rows[].b": "2/0/0/0", "rows[].c": "1/0/0/0" });
    // Two empty objects agree.
    expect(counts({ rows: [{}] }, { rows: [{}] })).toEqual({ "rows[]": "1/0/0/0" });
  });

  it("compares nested objects key by key and counts every value of a one-sided object", () => {
    const label = { address: { city: "Oslo", zip: "0150" }, contact: { email: "a@b.c", phone: "1" } };
    const output = { address: { city: "oslo", zip: "0151" } };
    expect(counts(label, output)).toEqual({ "address.city": "1/0/0/0", "address.zip": "0/1/0/0", "contact.email": "0/0/1/0", "contact.phone": "0/0/1/0" });
    const { disagreements } = compareWithLabel(label, output, resolveComparison());
    expect(disagreements.at(-1)).toEqual({ at: "contact", outcome: "missing", label: { email: "a@b.c", phone: "1" } });
  });

  it("counts a value of another shape (an object for a string...) as missing and extra, in one disagreement", () => {
    expect(counts({ a: { x: 1, y: 2 } }, { a: "x=1" })).toEqual({ "a.x": "0/0/1/0", "a.y": "0/0/1/0", a: "0/0/0/1" });
    expect(compareWithLabel({ a: ["p", "q"] }, { a: "p q" }, resolveComparison()).disagreements).toEqual([{ at: "a", outcome: "mismatched", label: ["p", "q"], output: "p q" }]);
  });

  it("compares arrays inside arrays as whole values, and names keys that are not identifiers", () => {
    expect(counts({ grid: [[1, 2], [3, 4]] }, { grid: [[3, 4], [2, 1]] })).toEqual({ "grid[]": "1/0/1/1" });
    expect(counts({ "content-type": "json" }, { "content-type": "JSON" })).toEqual({ '["content-type"]': "1/0/0/0" });
  });

  it("compares answers that are not objects at the root: (root) and [] rows", () => {
    expect(counts("Positive", "positive")).toEqual({ "": "1/0/0/0" });
    expect(counts(["a", "b"], ["b"])).toEqual({ "[]": "1/0/1/0" });
    expect(compareWithLabel("yes", "no", resolveComparison()).disagreements).toEqual([{ at: "(root)", outcome: "mismatched", label: "yes", output: "no" }]);
  });
});

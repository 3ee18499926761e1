import { createResponseModel } from "@cortex-ml/schemas";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { coerceNumberStrings, numberInString } from "./coerce-number-strings.js";
import { RepairTally } from "./repair-kinds.js";

function coerce(schema: v.GenericSchema, value: unknown): { value: unknown; count: number } {
  const tally = new RepairTally();
  const result = coerceNumberStrings(value, createResponseModel(schema).jsonSchema, tally);
  return { value: result, count: tally.count };
}

describe("numberInString", () => {
  it("reads plain decimals only", () => {
    expect(numberInString(" 25 ")).toBe(25);
    expect(numberInString("-3.5")).toBe(-3.5);
    expect(numberInString("1e3")).toBe(1000);
    for (const text of ["", "0x10", "Infinity", "12abc", "1,000", "NaN", "1".repeat(100)]) expect(numberInString(text)).toBeUndefined();
  });
});

describe("coerceNumberStrings", () => {
  it("turns number strings into numbers where the schema wants numbers, and nowhere else", () => {
    const Person = v.object({ name: v.string(), age: v.number(), zip: v.string(), scores: v.array(v.number()) });
    expect(coerce(Person, { name: "John", age: "25", zip: "01234", scores: ["1", 2, "3.5"] })).toEqual({
      value: { name: "John", age: 25, zip: "01234", scores: [1, 2, 3.5] },
      count: 3,
    });
  });

  it("follows nested objects, nullable and optional fields", () => {
    const Order = v.object({ customer: v.object({ id: v.pipe(v.number(), v.integer()) }), discount: v.nullable(v.number()), note: v.optional(v.string()) });
    expect(coerce(Order, { customer: { id: "7" }, discount: "0.5", note: "5" })).toEqual({ value: { customer: { id: 7 }, discount: 0.5, note: "5" }, count: 2 });
  });

  it("keeps a non-integer string where an integer is wanted, and strings a union also accepts", () => {
    const Item = v.object({ count: v.pipe(v.number(), v.integer()), code: v.union([v.string(), v.number()]) });
    expect(coerce(Item, { count: "2.5", code: "42" })).toEqual({ value: { count: "2.5", code: "42" }, count: 0 });
  });

  it("is linear: a wide array of number strings is one pass", () => {
    const List = v.object({ values: v.array(v.number()) });
    const values = Array.from({ length: 200_000 }, (_, index) => String(index));
    const result = coerce(List, { values });
    expect(result.count).toBe(200_000);
    expect((result.value as { values: number[] }).values[199_999]).toBe(199_999);
  });
});

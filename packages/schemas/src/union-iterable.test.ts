import * as v from "valibot";
import { describe, expect, expectTypeOf, it } from "vitest";
import { isIterableResponseModel, iterable } from "./iterable.js";
import { resolveResponseModel } from "./response-model.js";
import { union, unionMembers } from "./union.js";

const Weather = v.object({ location: v.string(), units: v.picklist(["imperial", "metric"]) });
const GoogleSearch = v.object({ query: v.string() });

describe("union", () => {
  const Action = union({ Weather, GoogleSearch });

  it("validates tagged elements and gives a discriminated output", () => {
    const value = v.parse(Action, { type: "Weather", value: { location: "NYC", units: "metric" } });
    expect(value).toEqual({ type: "Weather", value: { location: "NYC", units: "metric" } });
    expectTypeOf(value).toEqualTypeOf<
      { readonly type: "Weather"; readonly value: { location: string; units: "imperial" | "metric" } } | { readonly type: "GoogleSearch"; readonly value: { query: string } }
    >();
    expect(v.safeParse(Action, { type: "Weather", value: { query: "x" } }).success).toBe(false);
    expect(v.safeParse(Action, { type: "Other", value: {} }).success).toBe(false);
  });

  it("remembers its members for PARALLEL_TOOLS", () => {
    expect(unionMembers(Action)?.map((member) => member.name)).toEqual(["Weather", "GoogleSearch"]);
    expect(unionMembers(Weather)).toBeUndefined();
  });

  it("rejects names that cannot be tool names", () => {
    expect(() => union({ "has space": Weather })).toThrow(/must match/);
    expect(() => union({})).toThrow(/at least one member/);
  });
});

describe("iterable", () => {
  it("is a list response model sent as { content: [...] } with its element schema", () => {
    const model = iterable(union({ Weather, GoogleSearch }));
    expect(isIterableResponseModel(model)).toBe(true);
    expect(model.wrapped).toBe(true);
    expect(model.name).toBe("ItemList");
    expect(model.jsonSchema.properties.content).toMatchObject({ type: "array" });
    expect(JSON.stringify(model.jsonSchema)).toContain('"const":"Weather"');
    expect(resolveResponseModel(model)).toBe(model);
    const output = model.unwrap(v.parse(model.validationSchema as v.GenericSchema, { content: [{ type: "GoogleSearch", value: { query: "q" } }] }));
    expect(output).toEqual([{ type: "GoogleSearch", value: { query: "q" } }]);
  });

  it("names the list after the element's title", () => {
    expect(iterable(v.pipe(v.object({ name: v.string() }), v.title("Person"))).name).toBe("PersonList");
  });
});

import * as v from "valibot";
import { describe, expect, expectTypeOf, it } from "vitest";
import { isFound, type Maybe, maybe } from "./maybe.js";
import { createResponseModel } from "./response-model.js";

const UserDetail = v.pipe(v.object({ name: v.string(), age: v.number() }), v.title("UserDetail"));
const MaybeUser = maybe(UserDetail);

describe("maybe", () => {
  it("describes result, error and message to the model", () => {
    const model = createResponseModel(MaybeUser);
    expect(model.name).toBe("MaybeUserDetail");
    expect(model.jsonSchema.required).toEqual([]);
    expect(Object.keys(model.jsonSchema.properties)).toEqual(["result", "error", "message"]);
    expect(JSON.stringify(model.jsonSchema.properties.result)).toContain('"age"');
  });

  it("accepts a found value", () => {
    const value = v.parse(MaybeUser, { result: { name: "John", age: 25 }, error: false });
    expect(isFound(value)).toBe(true);
    if (isFound(value)) expectTypeOf(value.result).toEqualTypeOf<{ name: string; age: number }>();
    expect(value.result).toEqual({ name: "John", age: 25 });
  });

  it("turns the model's nulls into absent fields and defaults error to false", () => {
    expect(v.parse(MaybeUser, { result: null, error: true, message: "no age given" })).toEqual({
      result: undefined,
      error: true,
      message: "no age given",
    });
    expect(v.parse(MaybeUser, {})).toEqual({ result: undefined, error: false, message: undefined });
    expect(isFound(v.parse(MaybeUser, { error: true }))).toBe(false);
  });

  it("still validates a result that is there", () => {
    expect(v.safeParse(MaybeUser, { result: { name: "J", age: "x" } }).success).toBe(false);
    expectTypeOf(v.parse(MaybeUser, {})).toMatchTypeOf<Maybe<{ name: string; age: number }>>();
  });
});

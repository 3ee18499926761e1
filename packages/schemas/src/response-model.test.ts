import * as v from "valibot";
import { describe, expect, expectTypeOf, it } from "vitest";
import { createResponseModel, isResponseModel, resolveResponseModel } from "./response-model.js";

describe("createResponseModel", () => {
  const Person = v.pipe(v.object({ name: v.string(), age: v.number() }), v.title("Person"), v.description("A person"));

  it("takes its name and description from the schema metadata", () => {
    const model = createResponseModel(Person);
    expect(model.name).toBe("Person");
    expect(model.description).toBe("A person");
    expect(model.wrapped).toBe(false);
    expect(model.jsonSchema.type).toBe("object");
    expect(isResponseModel(model)).toBe(true);
  });

  it("sanitizes names for tool and json_schema names", () => {
    expect(createResponseModel(Person, { name: "my person!" }).name).toBe("my_person");
    expect(createResponseModel(v.object({})).name).toBe("Response");
  });

  it("wraps simple types as { content } and unwraps the answer", () => {
    const model = createResponseModel(v.array(v.string()));
    expect(model.wrapped).toBe(true);
    expect(model.jsonSchema).toEqual({
      type: "object",
      properties: { content: { type: "array", items: { type: "string" } } },
      required: ["content"],
    });
    const validated = v.parse(model.validationSchema as v.GenericSchema, { content: ["a", "b"] });
    expect(model.unwrap(validated)).toEqual(["a", "b"]);
    expectTypeOf(model.unwrap).returns.toEqualTypeOf<string[]>();
  });

  it("caches the model of a schema so repeated calls do not convert again", () => {
    const Schema = v.object({ id: v.string() });
    expect(resolveResponseModel(Schema)).toBe(resolveResponseModel(Schema));
    const prepared = createResponseModel(Schema, { name: "Thing" });
    expect(resolveResponseModel(prepared)).toBe(prepared);
  });

  it("keeps async schemas async when wrapping", async () => {
    const model = createResponseModel(v.pipeAsync(v.string(), v.checkAsync(async (text) => text !== "bad", "bad text")));
    expect(model.validationSchema.async).toBe(true);
    const result = await v.safeParseAsync(model.validationSchema, { content: "bad" });
    expect(result.success).toBe(false);
    expect(result.issues?.[0]?.message).toBe("bad text");
  });
});

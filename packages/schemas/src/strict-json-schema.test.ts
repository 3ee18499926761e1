import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { createResponseModel } from "./response-model.js";
import { restoreOptionalNulls, toStrictJsonSchema } from "./strict-json-schema.js";
import { strictResponseModel } from "./strict-response-model.js";

const User = v.object({
  name: v.pipe(v.string(), v.minLength(1), v.description("Full name")),
  age: v.optional(v.number()),
  tags: v.optional(v.array(v.object({ label: v.string(), weight: v.optional(v.number()) }))),
});

describe("toStrictJsonSchema", () => {
  const strict = toStrictJsonSchema(createResponseModel(User).jsonSchema);

  it("requires every property, makes optional ones nullable, and closes objects", () => {
    expect(strict.required).toEqual(["name", "age", "tags"]);
    expect(strict.additionalProperties).toBe(false);
    expect((strict.properties as Record<string, unknown>).age).toEqual({ anyOf: [{ type: "number" }, { type: "null" }] });
    const tags = (strict.properties as Record<string, { anyOf: [{ items: Record<string, unknown> }] }>).tags;
    expect(tags?.anyOf[0].items).toMatchObject({ required: ["label", "weight"], additionalProperties: false });
  });

  it("leaves out keywords strict mode rejects, keeps descriptions", () => {
    expect((strict.properties as Record<string, unknown>).name).toEqual({ type: "string", description: "Full name" });
  });
});

describe("restoreOptionalNulls and strictResponseModel", () => {
  it("turns forced nulls back into absent optional fields", () => {
    const wire = createResponseModel(User).jsonSchema;
    expect(restoreOptionalNulls({ name: "A", age: null, tags: [{ label: "x", weight: null }] }, wire)).toEqual({
      name: "A",
      tags: [{ label: "x" }],
    });
  });

  it("validates a strict answer as the user's schema declared it", () => {
    const model = strictResponseModel(createResponseModel(User));
    const result = v.safeParse(model.validationSchema as v.GenericSchema, { name: "A", age: null, tags: null });
    expect(result.success).toBe(true);
    expect(result.output).toEqual({ name: "A" });
    const invalid = v.safeParse(model.validationSchema as v.GenericSchema, { name: "", age: 3, tags: null });
    expect(invalid.success).toBe(false);
    expect(invalid.issues?.[0]?.path?.[0]?.key).toBe("name");
  });

  it("keeps a required null that the user allowed", () => {
    const model = strictResponseModel(createResponseModel(v.object({ note: v.nullable(v.string()) })));
    const result = v.safeParse(model.validationSchema as v.GenericSchema, { note: null });
    expect(result.output).toEqual({ note: null });
  });
});

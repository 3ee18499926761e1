import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { fromJsonSchema, JsonSchemaConversionError } from "./from-json-schema.js";
import { createResponseModel } from "./response-model.js";

describe("fromJsonSchema", () => {
  const Person = fromJsonSchema({
    title: "Person",
    type: "object",
    properties: {
      name: { type: "string", minLength: 1, description: "Full name" },
      age: { type: "integer", minimum: 0 },
      email: { type: "string", format: "email" },
      tags: { type: "array", items: { type: "string" }, maxItems: 3 },
      role: { enum: ["admin", "user"] },
      nickname: { type: ["string", "null"] },
    },
    required: ["name", "age"],
  });

  it("accepts what the JSON Schema allows", () => {
    expect(v.parse(Person, { name: "Ann", age: 3, tags: ["a"], role: "user", nickname: null })).toEqual({
      name: "Ann",
      age: 3,
      tags: ["a"],
      role: "user",
      nickname: null,
    });
  });

  it("rejects what it does not, with field paths", () => {
    const result = v.safeParse(Person, { name: "", age: 1.5, email: "nope", tags: ["a", "b", "c", "d"], role: "root" });
    expect(result.success).toBe(false);
    expect(result.issues?.map((issue) => issue.path?.map((item) => item.key).join("."))).toEqual(["name", "age", "email", "tags", "role"]);
    expect(v.safeParse(Person, { age: 1 }).success).toBe(false);
  });

  it("round-trips to the wire schema with its title and descriptions", () => {
    const model = createResponseModel(Person);
    expect(model.name).toBe("Person");
    expect(model.jsonSchema.required).toEqual(["name", "age"]);
    expect(model.jsonSchema.properties.name).toMatchObject({ type: "string", description: "Full name", minLength: 1 });
  });

  it("follows local $refs, recursively", () => {
    const Tree = fromJsonSchema({
      $defs: { node: { type: "object", properties: { value: { type: "number" }, children: { type: "array", items: { $ref: "#/$defs/node" } } }, required: ["value"] } },
      $ref: "#/$defs/node",
    });
    expect(v.safeParse(Tree, { value: 1, children: [{ value: 2, children: [{ value: 3 }] }] }).success).toBe(true);
    expect(v.safeParse(Tree, { value: 1, children: [{ value: "x" }] }).success).toBe(false);
  });

  it("names the JSON pointer it cannot check", () => {
    expect(() => fromJsonSchema({ type: "object", properties: { a: { allOf: [] } } })).toThrow(JsonSchemaConversionError);
    expect(() => fromJsonSchema({ type: "object", properties: { a: { $ref: "http://x/y.json" } } })).toThrow(/#\/properties\/a: only local \$refs/);
    expect(() => fromJsonSchema({ type: "object", properties: { a: { type: "date" } } })).toThrow(/#\/properties\/a: unknown type "date"/);
  });
});

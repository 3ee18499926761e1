import { describe, expect, it } from "vitest";
import { anyJsonSchema, sanitizeJsonSchema } from "./sanitize-json-schema.js";

describe("sanitizeJsonSchema", () => {
  it("splits a type list into one alternative per type, so maxLength survives", () => {
    expect(sanitizeJsonSchema({ type: ["string", "null"], maxLength: 5 })).toEqual({ oneOf: [{ type: "string", maxLength: 5 }, { type: "null" }] });
  });

  it("turns anyOf into oneOf and keeps each member's bounds", () => {
    const schema = { anyOf: [{ type: "string", maxLength: 10 }, { type: "null" }] };
    expect(sanitizeJsonSchema(schema)).toEqual({ oneOf: [{ type: "string", maxLength: 10 }, { type: "null" }] });
  });

  it("keeps object properties and forbids extra keys when properties are declared", () => {
    const schema = {
      type: "object",
      properties: { name: { type: "string", maxLength: 3, pattern: "^a" }, age: { type: "integer", minimum: 0 } },
      required: ["name"],
      title: "Person",
    };
    expect(sanitizeJsonSchema(schema)).toEqual({
      type: "object",
      properties: { name: { type: "string", maxLength: 3 }, age: { type: "integer" } },
    });
  });

  it("allows any keys for a record-like object", () => {
    expect(sanitizeJsonSchema({ type: "object", additionalProperties: { type: "number" } })).toEqual({
      type: "object",
      additionalProperties: { type: "number" },
    });
    expect(sanitizeJsonSchema({ type: "object" })).toEqual({ type: "object", additionalProperties: true });
  });

  it("keeps enums, consts, arrays and grammar formats; drops formats it cannot enforce", () => {
    expect(sanitizeJsonSchema({ type: "string", enum: ["a", "b"] })).toEqual({ enum: ["a", "b"] });
    expect(sanitizeJsonSchema({ const: "x" })).toEqual({ const: "x" });
    expect(sanitizeJsonSchema({ type: "array", items: { type: "boolean" }, minItems: 1, maxItems: 3 })).toEqual({
      type: "array",
      items: { type: "boolean" },
      minItems: 1,
      maxItems: 3,
    });
    expect(sanitizeJsonSchema({ type: "string", format: "date" })).toEqual({ type: "string", format: "date" });
    expect(sanitizeJsonSchema({ type: "string", format: "email", maxLength: 40 })).toEqual({ type: "string", maxLength: 40 });
  });

  it("reads a schema without type as any JSON (node-llama-cpp would allow only null)", () => {
    expect(sanitizeJsonSchema({})).toEqual(anyJsonSchema());
    expect(sanitizeJsonSchema({ description: "anything" })).toEqual(anyJsonSchema());
    expect(sanitizeJsonSchema({ maxLength: 4 })).toEqual({ type: "string", maxLength: 4 });
  });

  it("merges allOf and rewrites definitions to $defs", () => {
    const schema = {
      allOf: [
        { type: "object", properties: { a: { type: "string" } } },
        { properties: { b: { $ref: "#/definitions/B" } } },
      ],
      definitions: { B: { type: "boolean" } },
    };
    expect(sanitizeJsonSchema(schema)).toEqual({
      type: "object",
      properties: { a: { type: "string" }, b: { $ref: "#/$defs/B" } },
      $defs: { B: { type: "boolean" } },
    });
  });

  it("turns tuple items into prefixItems", () => {
    expect(sanitizeJsonSchema({ type: "array", items: [{ type: "string" }, { type: "number" }], additionalItems: false })).toEqual({
      type: "array",
      prefixItems: [{ type: "string" }, { type: "number" }],
      maxItems: 2,
    });
  });

  it("stops at a depth limit instead of recursing forever", () => {
    let schema: Record<string, unknown> = { type: "string" };
    for (let depth = 0; depth < 200; depth += 1) schema = { type: "array", items: schema };
    expect(() => JSON.stringify(sanitizeJsonSchema(schema))).not.toThrow();
  });
});

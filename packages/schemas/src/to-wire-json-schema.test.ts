import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { toWireJsonSchema } from "./to-wire-json-schema.js";
import { UnsupportedSchemaError } from "./unsupported-schema-error.js";

describe("toWireJsonSchema", () => {
  it("turns title and description metadata into what the model sees", () => {
    const Person = v.pipe(
      v.object({
        name: v.pipe(v.string(), v.description("The full name")),
        age: v.pipe(v.number(), v.integer(), v.minValue(0)),
      }),
      v.title("Person"),
      v.description("A person mentioned in the text"),
    );
    expect(toWireJsonSchema(Person)).toEqual({
      type: "object",
      title: "Person",
      description: "A person mentioned in the text",
      properties: {
        name: { type: "string", description: "The full name" },
        age: { type: "integer", minimum: 0 },
      },
      required: ["name", "age"],
    });
  });

  it("drops the $schema key to save tokens", () => {
    expect(toWireJsonSchema(v.object({ a: v.string() }))).not.toHaveProperty("$schema");
  });

  it("describes the input of a pipeline and leaves custom checks to Valibot", () => {
    const Schema = v.object({
      count: v.pipe(v.string(), v.check((text) => text.length < 5, "too long"), v.transform(Number)),
    });
    expect(toWireJsonSchema(Schema)).toEqual({
      type: "object",
      properties: { count: { type: "string" } },
      required: ["count"],
    });
  });

  it("keeps optional fields out of required and enums as enums", () => {
    const Schema = v.object({ tags: v.optional(v.array(v.string())), kind: v.picklist(["a", "b"]) });
    const wire = toWireJsonSchema(Schema);
    expect(wire.required).toEqual(["kind"]);
    expect(wire.properties).toMatchObject({ tags: { type: "array", items: { type: "string" } }, kind: { enum: ["a", "b"] } });
  });

  it("describes recursive schemas with $defs", () => {
    type Node = { name: string; children: Node[] };
    const NodeSchema: v.GenericSchema<Node> = v.object({ name: v.string(), children: v.array(v.lazy(() => NodeSchema)) });
    const wire = toWireJsonSchema(NodeSchema);
    expect(wire.$defs).toBeDefined();
    expect(JSON.stringify(wire)).toContain("#/$defs/");
  });

  it("names the field path and the fix for parts JSON cannot describe", () => {
    const Schema = v.object({ user: v.object({ birthday: v.date(), tags: v.set(v.string()) }), list: v.array(v.object({ at: v.bigint() })) });
    let error: unknown;
    try {
      toWireJsonSchema(Schema);
    } catch (caught) {
      error = caught;
    }
    expect(UnsupportedSchemaError.isInstance(error)).toBe(true);
    const unsupported = error as UnsupportedSchemaError;
    expect(unsupported.name).toBe("UnsupportedSchemaError");
    expect(unsupported.parts.map((part) => [part.path, part.schemaType])).toEqual([
      ["user.birthday", "date"],
      ["user.tags", "set"],
      ["list[].at", "bigint"],
    ]);
    expect(unsupported.message).toContain("user.birthday");
    expect(unsupported.message).toContain("v.isoTimestamp()");
  });

  it("accepts a date produced by a transformation from a string", () => {
    const Schema = v.object({ at: v.pipe(v.string(), v.isoTimestamp(), v.transform((text) => new Date(text))) });
    expect(toWireJsonSchema(Schema).properties).toEqual({ at: { type: "string", format: "date-time" } });
  });

  it("describes isoDateTime and isoTime instead of using the stricter JSON Schema formats", () => {
    const wire = toWireJsonSchema(v.object({ at: v.pipe(v.string(), v.isoDateTime()), time: v.pipe(v.string(), v.isoTime()) }));
    expect(wire.properties).toEqual({
      at: { type: "string", description: "Format: YYYY-MM-DDTHH:mm (no seconds, no time zone)." },
      time: { type: "string", description: "Format: HH:mm (24-hour)." },
    });
  });
});

import { createResponseModel, iterable, union } from "@cortex-ml/schemas";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { jsonShapeOf } from "./json-shape.js";
import { PartialJsonParser } from "./partial-json-parser.js";

/** The partial value after feeding `text` with the shape of `schema`'s wire JSON Schema. */
function parsedWithShape(schema: v.GenericSchema, text: string): unknown {
  const parser = new PartialJsonParser({ shape: jsonShapeOf(createResponseModel(schema).jsonSchema) });
  parser.write(text);
  return parser.value;
}

describe("jsonShapeOf", () => {
  it("lists an object's keys, and its members' and elements' keys below it", () => {
    const shape = jsonShapeOf(createResponseModel(v.object({ user: v.object({ name: v.string() }), tags: v.array(v.object({ id: v.number() })) })).jsonSchema);
    expect([...(shape.keys ?? [])]).toEqual(["user", "tags"]);
    expect([...(shape.member("user").keys ?? [])]).toEqual(["name"]);
    expect([...(shape.member("tags").element(3).keys ?? [])]).toEqual(["id"]);
  });

  it("allows any key where the schema does (records, additionalProperties, no schema)", () => {
    expect(jsonShapeOf(createResponseModel(v.record(v.string(), v.number())).jsonSchema).member("content").keys).toBeUndefined();
    expect(jsonShapeOf({ type: "object", properties: { a: {} }, additionalProperties: true }).keys).toBeUndefined();
    expect(jsonShapeOf({ type: "object", properties: { a: {} }, additionalProperties: { type: "number" } }).keys).toBeUndefined();
    expect(jsonShapeOf(true).keys).toBeUndefined();
    expect(jsonShapeOf({}).member("x").element(0).keys).toBeUndefined();
  });

  it("joins the keys of union members, and follows $ref into $defs", () => {
    const Weather = v.object({ city: v.string() });
    const Search = v.object({ query: v.string() });
    const model = iterable(union({ Weather, Search }));
    const element = jsonShapeOf(model.jsonSchema).member("content").element(0);
    expect([...(element.keys ?? [])].sort()).toEqual(["type", "value"]);
    expect([...(element.member("value").keys ?? [])].sort()).toEqual(["city", "query"]);
    const recursive = jsonShapeOf({
      $defs: { Node: { type: "object", properties: { name: { type: "string" }, child: { $ref: "#/$defs/Node" } }, additionalProperties: false } },
      $ref: "#/$defs/Node",
    });
    expect([...(recursive.member("child").member("child").keys ?? [])]).toEqual(["name", "child"]);
  });
});

describe("PartialJsonParser with a shape", () => {
  const User = v.object({ name: v.string(), address: v.object({ city: v.string() }) });

  it("keeps unknown keys (and everything under them) out of the partial value", () => {
    expect(parsedWithShape(User, '{"name":"A","extra":{"deep":[1,2]},"address":{"city":"B","zip":"9"},"more":"x"}')).toEqual({
      name: "A",
      address: { city: "B" },
    });
  });

  it("still checks the whole text: a syntax error under an unknown key throws", () => {
    expect(() => parsedWithShape(User, '{"extra":{"deep":[1,,2]}}')).toThrow();
  });

  it("does not move version for text under unknown keys", () => {
    const parser = new PartialJsonParser({ shape: jsonShapeOf(createResponseModel(User).jsonSchema) });
    parser.write('{"name":"A"');
    const before = parser.version;
    parser.write(',"ignored":"a long unknown value", "other": [1, 2, 3]   ');
    expect(parser.version).toBe(before);
    parser.write(',"address":{');
    expect(parser.version).toBeGreaterThan(before);
  });
});

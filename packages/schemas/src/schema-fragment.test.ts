import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { schemaFragmentAt } from "./schema-fragment.js";
import { toWireJsonSchema } from "./to-wire-json-schema.js";

describe("schemaFragmentAt", () => {
  const Schema = v.object({
    user: v.object({ age: v.pipe(v.number(), v.minValue(0)) }),
    items: v.array(v.object({ sku: v.string() })),
    maybe: v.nullable(v.object({ id: v.number() })),
  });
  const wire = toWireJsonSchema(Schema);

  it("finds nested object fields, array items and nullable branches", () => {
    expect(schemaFragmentAt(wire, ["user", "age"])).toEqual({ type: "number", minimum: 0 });
    expect(schemaFragmentAt(wire, ["items", 3, "sku"])).toEqual({ type: "string" });
    expect(schemaFragmentAt(wire, ["maybe", "id"])).toEqual({ type: "number" });
    expect(schemaFragmentAt(wire, [])).toBe(wire);
  });

  it("returns undefined for paths the schema does not have", () => {
    expect(schemaFragmentAt(wire, ["nope", "deeper"])).toBeUndefined();
  });

  it("follows $ref into $defs", () => {
    type Node = { name: string; children: Node[] };
    const NodeSchema: v.GenericSchema<Node> = v.object({ name: v.string(), children: v.array(v.lazy(() => NodeSchema)) });
    const recursive = toWireJsonSchema(NodeSchema);
    expect(schemaFragmentAt(recursive, ["children", 0, "children", 1, "name"])).toEqual({ type: "string" });
  });
});

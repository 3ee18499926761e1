import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { schemaPaths } from "./schema-paths.js";

describe("schemaPaths", () => {
  it("lists fields in the schema's order, a field before its subfields", () => {
    const Order = v.object({
      id: v.string(),
      customer: v.object({ name: v.string(), address: v.nullable(v.object({ city: v.string() })) }),
      lines: v.array(v.object({ sku: v.string(), tags: v.array(v.string()) })),
      "content-type": v.optional(v.string()),
    });
    expect(schemaPaths(Order)).toEqual([
      "",
      "id",
      "customer",
      "customer.name",
      "customer.address",
      "customer.address.city",
      "lines",
      "lines[]",
      "lines[].sku",
      "lines[].tags",
      "lines[].tags[]",
      '["content-type"]',
    ]);
  });

  it("reads a wrapped answer from its content, and stops at recursion", () => {
    expect(schemaPaths(v.array(v.string()))).toEqual(["", "[]"]);
    type Node = { name: string; children: Node[] };
    const TreeNode: v.GenericSchema<Node> = v.object({ name: v.string(), children: v.array(v.lazy(() => TreeNode)) });
    const paths = schemaPaths(v.object({ root: TreeNode }));
    expect(paths.slice(0, 2)).toEqual(["", "root"]);
    expect(paths).toContain("root.name");
    expect(paths.length).toBeLessThan(20);
  });
});

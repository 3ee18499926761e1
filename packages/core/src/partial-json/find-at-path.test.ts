import { describe, expect, it } from "vitest";
import { findAtPath } from "./find-at-path.js";

describe("findAtPath", () => {
  const root = { a: [10, { b: "x" }], "0": null };

  it("walks own keys and array indices, returning the value and its parent", () => {
    expect(findAtPath(root, [])).toEqual({ value: root, parent: undefined });
    expect(findAtPath(root, ["a", 1, "b"])).toEqual({ value: "x", parent: root.a[1] });
    expect(findAtPath(root, ["0"])).toEqual({ value: null, parent: root });
  });

  it("finds nothing for missing, inherited or mistyped steps", () => {
    expect(findAtPath(undefined, [])).toBeUndefined();
    expect(findAtPath(root, ["missing"])).toBeUndefined();
    expect(findAtPath(root, ["toString"])).toBeUndefined();
    expect(findAtPath(root, ["a", "0"])).toBeUndefined();
    expect(findAtPath(root, ["a", 2])).toBeUndefined();
    expect(findAtPath(root, ["a", -1])).toBeUndefined();
    expect(findAtPath(root, ["a", 0.5])).toBeUndefined();
    expect(findAtPath(root, [0])).toBeUndefined();
    expect(findAtPath(root, ["a", 0, "deeper"])).toBeUndefined();
  });
});

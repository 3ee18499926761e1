import { describe, expect, it } from "vitest";
import { mergeFields } from "./merge-fields.js";

describe("mergeFields", () => {
  it("is { ...base, ...extra }: same keys, same order, extra wins, inputs untouched", () => {
    const base = { model: "m", temperature: 0, seed: 42, tools: ["user's"] };
    const extra = { messages: [{ role: "user" }], tools: ["mode's"] };
    const merged = mergeFields(base, extra);
    expect(merged).toEqual({ ...base, ...extra });
    expect(Object.keys(merged)).toEqual(Object.keys({ ...base, ...extra }));
    expect(base.tools).toEqual(["user's"]);
    expect(merged).not.toBe(base);
  });

  it("copies own enumerable keys only, like a spread", () => {
    const inherited = Object.create({ fromPrototype: 1 }) as Record<string, unknown>;
    inherited.own = 2;
    Object.defineProperty(inherited, "hidden", { value: 3, enumerable: false });
    expect(mergeFields(inherited, {})).toEqual({ own: 2 });
  });

  it("keeps a key whose value is undefined, as a spread does", () => {
    const merged = mergeFields({ a: 1 }, { a: undefined });
    expect("a" in merged).toBe(true);
    expect(merged.a).toBeUndefined();
  });
});

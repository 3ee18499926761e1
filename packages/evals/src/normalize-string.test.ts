import { describe, expect, it } from "vitest";
import { normalizeString } from "./normalize-string.js";

describe("normalizeString", () => {
  it("folds case, compatibility forms and whitespace, and keeps accents", () => {
    expect(normalizeString("  Hello\u00A0\u3000World \n")).toBe("hello world");
    expect(normalizeString("ﬁne ＴＥＸＴ")).toBe("fine text");
    expect(normalizeString("E\u0301COLE")).toBe("école");
    expect(normalizeString("Straße")).toBe(normalizeString("STRASSE"));
    expect(normalizeString("naïve")).not.toBe(normalizeString("naive"));
    expect(normalizeString("a\u200Bb\uFEFF")).toBe("ab");
  });
});

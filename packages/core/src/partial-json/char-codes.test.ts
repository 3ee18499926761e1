import { describe, expect, it } from "vitest";
import { CharCode, hexDigitValue, isDigit, isHighSurrogate, isJsonWhitespace } from "./char-codes.js";

describe("char codes", () => {
  it("match the characters they name", () => {
    expect(String.fromCharCode(CharCode.quote, CharCode.backslash, CharCode.openBrace, CharCode.closeBracket, CharCode.lowerU)).toBe('"\\{]u');
  });

  it("classify JSON whitespace: space, tab, line feed, carriage return only", () => {
    for (const character of [" ", "\t", "\n", "\r"]) expect(isJsonWhitespace(character.charCodeAt(0))).toBe(true);
    for (const character of ["\f", "\v", "\u00a0", "\ufeff", "\u2028", "a"]) expect(isJsonWhitespace(character.charCodeAt(0))).toBe(false);
  });

  it("classify digits, hex digits and high surrogates", () => {
    expect([..."09/:"].map((character) => isDigit(character.charCodeAt(0)))).toEqual([true, true, false, false]);
    expect([..."09afAFgG"].map((character) => hexDigitValue(character.charCodeAt(0)))).toEqual([0, 9, 10, 15, 10, 15, -1, -1]);
    expect([0xd7ff, 0xd800, 0xdbff, 0xdc00].map(isHighSurrogate)).toEqual([false, true, true, false]);
  });
});

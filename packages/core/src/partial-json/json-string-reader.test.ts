import { describe, expect, it } from "vitest";
import { JsonStringReader } from "./json-string-reader.js";
import { PartialJsonError } from "./partial-json-error.js";

/** Reads the string contents `body` (without the opening quote, with the closing one) in `chunks`; returns the text after each chunk. */
function readInChunks(chunks: readonly string[]): { texts: string[]; reader: JsonStringReader } {
  const reader = new JsonStringReader();
  const texts: string[] = [];
  let offset = 0;
  for (const chunk of chunks) {
    const end = reader.read(chunk, 0, offset);
    if (reader.closed) expect(end).toBe(chunk.length);
    offset += chunk.length;
    texts.push(reader.text);
  }
  return { texts, reader };
}

function endsWithHighSurrogate(text: string): boolean {
  const last = text.charCodeAt(text.length - 1);
  return last >= 0xd800 && last <= 0xdbff;
}

/** JSON string bodies (contents and closing quote), as they appear in a JSON text. */
const bodies = [
  'plain text"',
  'a\\u00e9b\\n\\"\\\\\\/\\b\\f\\r\\tc"',
  "\\ud83d\\ude00 escaped pair\"",
  "raw \ud83d\ude00 pair\"",
  "raw high then escaped low \ud83d\\ude00\"",
  "lone escaped high \\ud83d then text\"",
  "lone escaped high at the end \\ud83d\"",
  "two highs \\ud83d\\ud83d\\ude00\"",
  "lone raw high \ud83d\"",
  "escaped low alone \\ude00\"",
  "\\u0000\\u001f\\uFFFF\\uAbCd\"",
  '"',
];

describe("JsonStringReader", () => {
  for (const body of bodies) {
    const expected = JSON.parse(`"${body}`) as string;

    it(`decodes ${JSON.stringify(body)} split at every pair of positions`, () => {
      for (let first = 0; first <= body.length; first += 1) {
        for (let second = first; second <= body.length; second += 1) {
          const chunks = [body.slice(0, first), body.slice(first, second), body.slice(second)];
          const { texts, reader } = readInChunks(chunks);
          expect(reader.closed).toBe(true);
          expect(reader.text).toBe(expected);
          for (const text of texts.slice(0, -1)) {
            expect(expected.startsWith(text)).toBe(true);
            // Never half a pair: a partial text ends with a high surrogate only if more was already read after it.
            if (endsWithHighSurrogate(text)) expect(endsWithHighSurrogate(expected.slice(0, text.length + 1))).toBe(true);
          }
        }
      }
    });
  }

  it("holds a raw high surrogate at the end of a chunk until the next chunk", () => {
    const { texts } = readInChunks(["ab\ud83d", "\ude00c", '"']);
    expect(texts).toEqual(["ab", "ab😀c", "ab😀c"]);
  });

  it("decodes a long string read one character at a time (ropes are flattened along the way)", () => {
    const body = `${"ab\\n\\u00e9\ud83d\ude00 ".repeat(500)}"`;
    const { texts, reader } = readInChunks(body.split(""));
    expect(reader.text).toBe(JSON.parse(`"${body}`));
    for (let index = 1; index < texts.length; index += 1) expect((texts[index] as string).startsWith(texts[index - 1] as string)).toBe(true);
  });

  it("stops after the closing quote and returns the index after it", () => {
    const reader = new JsonStringReader();
    expect(reader.read('x"abc', 0, 0)).toBe(2);
    expect(reader.closed).toBe(true);
    expect(reader.text).toBe("x");
  });

  it("starts over after reset()", () => {
    const reader = new JsonStringReader();
    reader.read("ab\\u00", 0, 0);
    reader.reset();
    reader.read('cd"', 0, 0);
    expect(reader.text).toBe("cd");
  });

  const invalid: readonly (readonly [string, number])[] = [
    ["a\u0001b", 1],
    ["tab\there", 3],
    ["new\nline", 3],
    ["\\x", 1],
    ["\\'", 1],
    ["\\U0041", 1],
    ["\\u12G4", 4],
    ["\\u", 2],
    ["\\u00e", 5],
  ];
  for (const [body, position] of invalid) {
    it(`rejects ${JSON.stringify(body)} at position ${position}, as JSON.parse does`, () => {
      expect(() => JSON.parse(`"${body}"`)).toThrow(SyntaxError);
      const reader = new JsonStringReader();
      let error: unknown;
      try {
        reader.read(`${body}"`, 0, 10);
      } catch (caught) {
        error = caught;
      }
      expect(PartialJsonError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ code: "syntax", position: 10 + position });
    });
  }
});

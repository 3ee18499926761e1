import { describe, expect, it } from "vitest";
import { bodyPieces, encodeBody } from "./response-body.js";

const bytes = (text: string) => new TextEncoder().encode(text);
const joined = (pieces: Uint8Array[]) => Buffer.concat(pieces);

describe("encodeBody / bodyPieces", () => {
  it("keeps compact JSON as JSON, other text as text, other bytes as base64, and gives back the bytes", () => {
    const cases = [
      [bytes('{"id":"x","n":[1,2]}'), "body"],
      [bytes('{"n": 1.0}'), "text"],
      [bytes("plain"), "text"],
      [new Uint8Array([0xc3, 0x28]), "base64"],
    ] as const;
    for (const [input, form] of cases) {
      const encoded = encodeBody(input, false, true, []);
      expect(Object.keys(encoded)).toEqual([form]);
      expect(joined(bodyPieces(encoded)).equals(Buffer.from(input))).toBe(true);
    }
  });

  it("an empty body has no field and no bytes", () => {
    expect(encodeBody(new Uint8Array(), false, true, [])).toEqual({});
    expect(bodyPieces({})).toEqual([]);
  });

  it("marks a stream cut when it neither ended nor reached [DONE]", () => {
    expect(encodeBody(bytes("data: {}\n\n"), true, false, []).cut).toBe(true);
    expect(encodeBody(bytes("data: {}\n\n"), true, true, []).cut).toBeUndefined();
    expect(encodeBody(bytes("data: {}\n\ndata: [DONE]\n\n"), true, false, []).cut).toBeUndefined();
  });

  it("removes the given secrets verbatim, and only them", () => {
    const encoded = encodeBody(bytes('{"error":"bad key sk-live-0123456789abcdef","note":"sk-learn-something-else"}'), false, true, ["sk-live-0123456789abcdef"]);
    expect(encoded.body).toEqual({ error: "bad key [redacted]", note: "sk-learn-something-else" });
  });
});

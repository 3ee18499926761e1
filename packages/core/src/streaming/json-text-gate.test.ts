import { describe, expect, it } from "vitest";
import { JsonTextGate } from "./json-text-gate.js";

function feed(gate: JsonTextGate, text: string, size: number): string {
  let out = "";
  for (let index = 0; index < text.length; index += size) out += gate.push(text.slice(index, index + size));
  return out;
}

describe("JsonTextGate", () => {
  it("drops prose before the JSON, at any chunk size", () => {
    for (const size of [1, 2, 3, 7, 100]) {
      expect(feed(new JsonTextGate(false), 'Sure! Here it is: {"a":[1,2]}', size)).toBe('{"a":[1,2]}');
    }
  });

  it("passes only the body of the first fenced block, at any chunk size", () => {
    const text = 'Here:\n```json\n{"a":"b"}\n```\nDone, also ```json\n{"x":1}\n```';
    for (const size of [1, 2, 3, 5, 64]) expect(feed(new JsonTextGate(true), text, size)).toBe('{"a":"b"}\n');
  });

  it("in fenced mode still reads an unfenced answer", () => {
    expect(feed(new JsonTextGate(true), 'ok {"a":1}', 1)).toBe('{"a":1}');
  });
});

import { describe, expect, it } from "vitest";
import { endsWithDone, eventPieces, splitEvents } from "./sse-events.js";

describe("splitEvents / eventPieces", () => {
  it.each([
    ["compact JSON events and [DONE]", 'data: {"a":1}\n\ndata: {"b":[2]}\n\ndata: [DONE]\n\n'],
    ["non-compact JSON", 'data: {"a": 1}\n\n'],
    ["integer-like keys (reordered by JSON.parse)", 'data: {"b":1,"1":2}\n\n'],
    ["named events and comments", ": keep-alive\n\nevent: ping\ndata: {}\n\n"],
    ["a cut tail", 'data: {"a":1}\n\ndata: {"b"'],
    ["CRLF separators", "data: {}\r\n\r\ndata: [DONE]\r\n\r\n"],
    ["nothing", ""],
  ])("gives back the exact text: %s", (_, text) => {
    const { events, tail } = splitEvents(text);
    expect(eventPieces(events, tail).join("")).toBe(text);
  });

  it("keeps a compact JSON event as data, anything else as its text", () => {
    const { events, tail } = splitEvents('data: {"a":1}\n\ndata: {"a": 1}\n\ndata: [DONE]\n\n');
    expect(events).toEqual([{ data: { a: 1 } }, 'data: {"a": 1}', "data: [DONE]"]);
    expect(tail).toBe("");
  });

  it("knows a stream that reached [DONE]", () => {
    expect(endsWithDone("data: {}\n\ndata: [DONE]\n\n")).toBe(true);
    expect(endsWithDone("data: {}\n\n")).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { SseDecoder, type ServerSentEvent } from "./sse-decoder.js";

const encode = (text: string) => new TextEncoder().encode(text);

/** Feeds the bytes of `text` cut at every `step` bytes, then ends. */
function decodeInPieces(text: string, step: number): ServerSentEvent[] {
  const bytes = encode(text);
  const decoder = new SseDecoder();
  const events: ServerSentEvent[] = [];
  for (let start = 0; start < bytes.length; start += step) events.push(...decoder.push(bytes.subarray(start, start + step)));
  events.push(...decoder.end());
  return events;
}

describe("SseDecoder", () => {
  const stream = 'data: {"a":1}\n\n: a comment\nevent: error\ndata: {"error":{"message":"x"}}\n\ndata: line one\ndata: line two\n\ndata: [DONE]\n\n';
  const expected = [
    { event: null, data: '{"a":1}' },
    { event: "error", data: '{"error":{"message":"x"}}' },
    { event: null, data: "line one\nline two" },
    { event: null, data: "[DONE]" },
  ];

  it("splits events, joins data lines, keeps the event field and skips comments", () => {
    expect(decodeInPieces(stream, 1 << 20)).toEqual(expected);
  });

  it("gives the same events whatever the read boundaries (every cut from 1 byte up)", () => {
    for (const step of [1, 2, 3, 5, 7, 16, 64]) expect(decodeInPieces(stream, step)).toEqual(expected);
  });

  it("takes \\r\\n and \\r line ends, including a \\r\\n split across reads", () => {
    const crlf = stream.replaceAll("\n", "\r\n");
    const cr = stream.replaceAll("\n", "\r");
    for (const step of [1, 2, 3, 1 << 20]) {
      expect(decodeInPieces(crlf, step)).toEqual(expected);
      expect(decodeInPieces(cr, step)).toEqual(expected);
    }
  });

  it("keeps a multi-byte character split across reads", () => {
    expect(decodeInPieces('data: {"name":"Zoë 日本"}\n\n', 1)).toEqual([{ event: null, data: '{"name":"Zoë 日本"}' }]);
  });

  it("dispatches a last event with no blank line after it at the end", () => {
    expect(decodeInPieces('data: {"a":1}', 4)).toEqual([{ event: null, data: '{"a":1}' }]);
  });

  it("stays linear on one very long line read in small pieces", () => {
    const long = `data: ${"x".repeat(2_000_000)}\n\n`;
    const started = performance.now();
    const events = decodeInPieces(long, 1024);
    expect(events[0]?.data.length).toBe(2_000_000);
    // A quadratic join would take minutes here; linear is tens of milliseconds.
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

import { describe, expect, it } from "vitest";
import { streamReply } from "./stream-reply.js";

describe("streamReply", () => {
  it("keeps the chunks and the options", () => {
    const chunks = [{ a: 1 }, ": comment\n\n"];
    expect(streamReply(chunks, { done: false, chunkDelayMs: 3, cutAfter: 1 })).toEqual({
      kind: "stream",
      chunks,
      done: false,
      chunkDelayMs: 3,
      cutAfter: 1,
    });
  });

  it("has no options by default", () => {
    expect(streamReply([])).toStrictEqual({ kind: "stream", chunks: [] });
  });
});

import { describe, expect, it } from "vitest";
import { encodeSseChunk, SSE_DONE } from "./sse.js";

describe("encodeSseChunk", () => {
  it("sends objects as JSON data events", () => {
    expect(encodeSseChunk({ a: "b\nc" })).toBe('data: {"a":"b\\nc"}\n\n');
  });

  it("sends strings verbatim", () => {
    expect(encodeSseChunk("data: {broken\n\n")).toBe("data: {broken\n\n");
  });

  it("terminates with [DONE]", () => {
    expect(SSE_DONE).toBe("data: [DONE]\n\n");
  });
});

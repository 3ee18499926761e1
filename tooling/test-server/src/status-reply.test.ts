import { describe, expect, it } from "vitest";
import { statusReply } from "./status-reply.js";

describe("statusReply", () => {
  it("carries status, body and headers", () => {
    const body = { error: { message: "slow down", type: "rate_limit" } };
    expect(statusReply(429, body, { "retry-after": "1" })).toEqual({
      kind: "status",
      status: 429,
      body,
      headers: { "retry-after": "1" },
    });
  });

  it("omits body and headers when not given", () => {
    expect(statusReply(503)).toEqual({ kind: "status", status: 503 });
  });
});

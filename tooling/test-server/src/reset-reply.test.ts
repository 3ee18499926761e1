import { describe, expect, it } from "vitest";
import { resetReply } from "./reset-reply.js";

describe("resetReply", () => {
  it("is a reply of kind reset with nothing else", () => {
    expect(resetReply()).toStrictEqual({ kind: "reset" });
  });
});

import { describe, expect, it } from "vitest";
import { redact } from "./redact.js";

describe("redact", () => {
  it("removes a given secret wherever it appears", () => {
    expect(redact("key=super-secret-value-123 and again super-secret-value-123", ["super-secret-value-123"])).toBe(
      "key=[redacted] and again [redacted]",
    );
  });

  it("removes bearer tokens and sk- shaped keys even when not given", () => {
    expect(redact("Authorization: Bearer abc.def-123")).toBe("Authorization: Bearer [redacted]");
    expect(redact("Incorrect API key provided: sk-proj1234567890abcdef")).toBe("Incorrect API key provided: sk-pro[redacted]");
  });

  it("leaves the Ollama placeholder key alone (it is not a secret)", () => {
    expect(redact("api key ollama", ["ollama"])).toBe("api key ollama");
  });
});

import { ApiError, InvalidArgumentError, ModelNotFoundError, RequestAbortedError, TimeoutError } from "@cortex-ml/core";
import { describe, expect, it } from "vitest";
import { abortError, engineFailure, toTransportError } from "./engine-errors.js";
import { ModelDownloadError } from "./model-download-error.js";

describe("engine error mapping", () => {
  it("reports a native failure as a non-retryable ApiError with the reason", () => {
    const error = engineFailure("local:x.gguf", "the llama.cpp native binary failed to load", new Error("GLIBC_2.38 not found"), "Check the platform package.");
    expect(ApiError.isInstance(error)).toBe(true);
    expect(error.retryable).toBe(false);
    expect(error.message).toContain("the llama.cpp native binary failed to load: GLIBC_2.38 not found");
  });

  it("passes typed errors through and turns download failures into ModelNotFoundError", () => {
    const invalid = new InvalidArgumentError({ argument: "modelPath", problem: "bad" });
    expect(toTransportError(invalid, "local:x")).toBe(invalid);
    const download = new ModelDownloadError({ spec: "hf:u/r/x.gguf", reason: "huggingface.co is unreachable (ENOTFOUND)", directory: "/models" });
    const mapped = toTransportError(download, "local:x.gguf");
    expect(ModelNotFoundError.isInstance(mapped)).toBe(true);
    expect(mapped.message).toContain("cannot download hf:u/r/x.gguf");
    expect(ApiError.isInstance(toTransportError(new Error("boom"), "local:x"))).toBe(true);
  });

  it("tells a deadline from the caller's abort", () => {
    const caller = new AbortController();
    const deadline = new AbortController();
    deadline.abort();
    expect(TimeoutError.isInstance(abortError({ caller: caller.signal, deadline: deadline.signal }, 50, "local:x"))).toBe(true);
    caller.abort();
    expect(RequestAbortedError.isInstance(abortError({ caller: caller.signal, deadline: deadline.signal }, 50, "local:x"))).toBe(true);
  });
});

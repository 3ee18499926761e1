import { InvalidArgumentError, ModelNotFoundError, ProviderConfigError, RetriesExhaustedError } from "@cortex-ml/core";
import { describe, expect, it } from "vitest";
import { messageInCliWords, usageErrorFromLibrary } from "../src/cli-wording.js";

describe("errors in the CLI's words", () => {
  it("names the flag of a library option, and makes a usage error of it", () => {
    const error = new InvalidArgumentError({ argument: "timeout", problem: "expected a positive number, got 0." });
    expect(messageInCliWords(error)).toBe("--timeout: expected a positive number, got 0.");
    expect(usageErrorFromLibrary(error)?.message).toBe("--timeout: expected a positive number, got 0");
    expect(messageInCliWords(new InvalidArgumentError({ argument: "maxRetries", problem: "x" }))).toBe("--max-retries: x");
    expect(messageInCliWords(new InvalidArgumentError({ argument: "responseModel", problem: "x" }))).toBe("--schema: x");
  });

  it("leaves an option the CLI does not set to the usual report (exit 1)", () => {
    expect(usageErrorFromLibrary(new InvalidArgumentError({ argument: "messages", problem: "x" }))).toBeUndefined();
    expect(usageErrorFromLibrary(new Error("x"))).toBeUndefined();
  });

  it("says --api-key for { apiKey }, as a usage error", () => {
    const error = new ProviderConfigError({ provider: "groq", problem: "no API key. Set GROQ_API_KEY (export GROQ_API_KEY=...) or pass { apiKey }.", environmentVariable: "GROQ_API_KEY" });
    expect(usageErrorFromLibrary(error)?.message).toBe('Provider "groq": no API key. Set GROQ_API_KEY (export GROQ_API_KEY=...) or pass --api-key KEY');
  });

  it("says --model local/PATH for fromProvider(\"local/PATH\") in a missing local model's hint", () => {
    const error = new ModelNotFoundError({
      model: "x.gguf",
      baseURL: "local:x.gguf",
      serverMessage: "no file at /tmp/x.gguf",
      hint: 'Pass the path of a GGUF model file, e.g. fromProvider("local//models/model.gguf").',
    });
    expect(messageInCliWords(error)).toContain("e.g. --model local//models/model.gguf.");
    expect(messageInCliWords(error)).not.toContain("fromProvider");
  });

  it("drops advice about library fields a command line cannot reach", () => {
    const usage = { promptTokens: 0, completionTokens: 0, totalTokens: 0 };
    const error = new RetriesExhaustedError({
      attempts: [{ attempt: 1, rawOutput: "nope", failure: "parse", parseError: "Unexpected token", issues: [], finishReason: "stop", usage }],
      maxRetries: 0,
      messages: [],
      usage,
      model: "m",
    });
    expect(messageInCliWords(error)).toBe('Model "m" gave no valid answer in 1 attempt(s) (--max-retries 0). Last problems: not valid JSON (Unexpected token).');
  });
});

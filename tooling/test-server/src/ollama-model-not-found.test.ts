import { describe, expect, it } from "vitest";
import { ollamaModelNotFound } from "./ollama-model-not-found.js";

describe("ollamaModelNotFound", () => {
  it("is Ollama's 404 body for a missing model", () => {
    expect(ollamaModelNotFound("llama3.2:1b")).toEqual({
      kind: "status",
      status: 404,
      body: {
        error: {
          message: 'model "llama3.2:1b" not found, try pulling it first',
          type: "api_error",
          param: null,
          code: null,
        },
      },
    });
  });
});

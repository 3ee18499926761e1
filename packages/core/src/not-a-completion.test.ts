import { describe, expect, it } from "vitest";
import { isChatCompletion, notAChatCompletion } from "./not-a-completion.js";

describe("isChatCompletion", () => {
  it("accepts an object with a choices array, and nothing else", () => {
    expect(isChatCompletion({ choices: [] })).toBe(true);
    for (const answer of [null, undefined, "<html>", 42, {}, { choices: "none" }, []]) expect(isChatCompletion(answer)).toBe(false);
  });
});

describe("notAChatCompletion", () => {
  it("shows what came back, cut to 200 characters, without the client's secrets, and where to look", () => {
    const error = notAChatCompletion(`<html>key sk-secret ${"x".repeat(500)}</html>`, "http://localhost:11434/v1", ["sk-secret"]);
    expect(error).toMatchObject({ _tag: "ApiError", status: 200, retryable: false, baseURL: "http://localhost:11434/v1" });
    expect(error.serverMessage).toContain("the answer is not a chat completion (got text: <html>key ");
    expect(error.serverMessage).not.toContain("sk-secret");
    expect(error.serverMessage.length).toBeLessThan(300);
    expect(error.hint).toContain("/v1");
    expect(notAChatCompletion({ object: "list", data: [] }, "http://x", []).serverMessage).toContain('{"object":"list","data":[]}');
  });
});

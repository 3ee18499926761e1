import { describe, expect, it } from "vitest";
import { closestDifference, describeRequest, differingPaths } from "./describe-request.js";

describe("describeRequest", () => {
  it("names the model and the first user message, text parts joined, whitespace folded", () => {
    const summary = describeRequest({
      method: "POST",
      path: "/v1/chat/completions",
      body: {
        model: "llava",
        messages: [
          { role: "system", content: "rules" },
          { role: "user", content: [{ type: "text", text: "What is\n in" }, { type: "image_url", image_url: { url: "data:," } }, { type: "text", text: "this?" }] },
        ],
      },
    });
    expect(summary).toEqual({ request: "POST /v1/chat/completions", model: "llava", firstUserMessage: "What is in this?" });
  });

  it("has no model or message for a request without them", () => {
    expect(describeRequest({ method: "GET", path: "/v1/models" })).toEqual({ request: "GET /v1/models", model: undefined, firstUserMessage: undefined });
  });
});

describe("differingPaths / closestDifference", () => {
  it("lists the paths where two values differ, depth first, up to a limit", () => {
    const a = { model: "m", messages: [{ content: "a" }, { content: "b" }], temperature: 0 };
    const b = { model: "n", messages: [{ content: "a" }, { content: "c" }, { content: "d" }] };
    expect(differingPaths(a, b, 10)).toEqual(["messages[1].content", "messages[2]", "model", "temperature"]);
    expect(differingPaths(a, b, 2)).toEqual(["messages[1].content", "messages[2]"]);
    expect(differingPaths(a, structuredClone(a), 10)).toEqual([]);
    expect(differingPaths("x", 1, 10)).toEqual(["(root)"]);
  });

  it("picks the recorded request of the same method and path with the fewest differences", () => {
    const request = { method: "POST", path: "/v1/chat/completions", body: { model: "m", seed: 1, temperature: 0 } };
    const recorded = [
      { method: "POST", path: "/v1/chat/completions", body: { model: "x", seed: 2, temperature: 0 } },
      { method: "POST", path: "/v1/chat/completions", body: { model: "m", seed: 2, temperature: 0 } },
      { method: "POST", path: "/v1/moderations", body: { model: "m", seed: 1, temperature: 0 } },
    ];
    expect(closestDifference(request, recorded)).toEqual(["seed"]);
    expect(closestDifference(request, [recorded[2] as (typeof recorded)[number]])).toBeUndefined();
  });
});

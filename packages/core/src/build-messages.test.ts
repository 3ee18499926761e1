import { describe, expect, it } from "vitest";
import { buildMessages } from "./build-messages.js";

describe("buildMessages", () => {
  it("builds a user message from a string", () => {
    expect(buildMessages("John is 25")).toEqual([{ role: "user", content: "John is 25" }]);
  });

  it("puts the system prompt first, then history, then the user", () => {
    const history = [
      { role: "user" as const, content: "hi" },
      { role: "assistant" as const, content: "hello" },
    ];
    expect(buildMessages({ system: "Extract people.", user: "Jane is 30", history })).toEqual([
      { role: "system", content: "Extract people." },
      ...history,
      { role: "user", content: "Jane is 30" },
    ]);
  });

  it("keeps content parts as given", () => {
    const parts = [{ type: "text" as const, text: "What is this?" }, { type: "image_url" as const, image_url: { url: "data:image/png;base64,AA==" } }];
    expect(buildMessages({ user: parts })[0]).toEqual({ role: "user", content: parts });
  });
});

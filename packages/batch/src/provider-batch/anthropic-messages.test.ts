import { describe, expect, it } from "vitest";
import { fromAnthropicMessage, toAnthropicParams } from "./anthropic-messages.js";

describe("toAnthropicParams", () => {
  it("maps system messages, images, tool calls and tool answers, and drops what Anthropic has no field for", () => {
    const params = toAnthropicParams(
      {
        model: "claude",
        temperature: 0,
        seed: 42,
        stop: "END",
        messages: [
          { role: "system", content: "Be exact." },
          { role: "developer", content: "Use tools." },
          { role: "user", content: [{ type: "text", text: "Who?" }, { type: "image_url", image_url: { url: "data:image/png;base64,AAAA" } }, { type: "image_url", image_url: { url: "https://x/y.png" } }] },
          { role: "assistant", content: null, tool_calls: [{ id: "t1", type: "function", function: { name: "Person", arguments: '{"name":"A"' } }] },
          { role: "tool", tool_call_id: "t1", content: "Not JSON, fix it." },
          { role: "user", content: "Again." },
        ],
        tools: [{ type: "function", function: { name: "Person", parameters: { type: "object" }, strict: true } }],
        tool_choice: "required",
        response_format: { type: "json_object" },
      },
      512,
    );
    expect(params).toEqual({
      model: "claude",
      max_tokens: 512,
      temperature: 0,
      stop_sequences: ["END"],
      system: "Be exact.\n\nUse tools.",
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "Who?" },
            { type: "image", source: { type: "base64", media_type: "image/png", data: "AAAA" } },
            { type: "image", source: { type: "url", url: "https://x/y.png" } },
          ],
        },
        // Broken arguments go back wrapped, so the tool_use input stays an object.
        { role: "assistant", content: [{ type: "tool_use", id: "t1", name: "Person", input: { invalid_arguments: '{"name":"A"' } }] },
        // The tool answer and the next user turn merge into one user message: roles alternate.
        { role: "user", content: [{ type: "tool_result", tool_use_id: "t1", content: "Not JSON, fix it.", is_error: true }, { type: "text", text: "Again." }] },
      ],
      tools: [{ name: "Person", input_schema: { type: "object" } }],
      tool_choice: { type: "any" },
    });
  });

  it("takes max_tokens from the request before the default", () => {
    expect(toAnthropicParams({ model: "m", max_tokens: 99, messages: [{ role: "user", content: "x" }] }, 4096).max_tokens).toBe(99);
    expect(toAnthropicParams({ model: "m", max_completion_tokens: 77, messages: [{ role: "user", content: "x" }] }, 4096).max_tokens).toBe(77);
  });
});

describe("fromAnthropicMessage", () => {
  it("reads tool_use as a tool call, max_tokens as length and refusal as content_filter", () => {
    const tool = fromAnthropicMessage({ id: "msg", content: [{ type: "tool_use", id: "t", name: "P", input: { a: 1 } }], stop_reason: "tool_use", usage: { input_tokens: 3, output_tokens: 2 } }, "m");
    expect(tool.choices[0]).toMatchObject({ finish_reason: "tool_calls", message: { content: null, tool_calls: [{ id: "t", type: "function", function: { name: "P", arguments: '{"a":1}' } }] } });
    expect(tool.usage).toEqual({ prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 });
    expect(fromAnthropicMessage({ content: [{ type: "text", text: '{"a' }], stop_reason: "max_tokens" }, "m").choices[0]).toMatchObject({ finish_reason: "length", message: { content: '{"a' } });
    expect(fromAnthropicMessage({ content: [], stop_reason: "refusal" }, "m").choices[0]?.finish_reason).toBe("content_filter");
  });
});

import { createResponseModel } from "@cortex-ml/schemas";
import type { ChatCompletionMessage } from "openai/resources/chat/completions";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../errors/index.js";
import { jsonMode } from "./json-mode.js";
import { jsonSchemaMode } from "./json-schema-mode.js";
import { mdJsonMode } from "./md-json-mode.js";
import { modeStrategy } from "./mode-strategy.js";
import { toolsMode } from "./tools-mode.js";

const Person = createResponseModel(v.pipe(v.object({ name: v.string(), age: v.number() }), v.title("Person")));
const messages = [{ role: "user" as const, content: "John is 25" }];
const settings = { schemaInPrompt: false, strict: false };
const answer = (content: string | null, extra: Partial<ChatCompletionMessage> = {}): ChatCompletionMessage => ({
  role: "assistant",
  content,
  refusal: null,
  ...extra,
});

describe("JSON mode", () => {
  it("asks for json_object and shows the schema in a system message", () => {
    const request = jsonMode.buildRequest(Person, messages, settings);
    expect(request.response_format).toEqual({ type: "json_object" });
    expect(request.messages[0]?.role).toBe("system");
    expect(String(request.messages[0]?.content)).toContain(JSON.stringify(Person.jsonSchema));
    expect(request.messages[1]).toEqual(messages[0]);
  });

  it("appends to the caller's own system message without mutating it", () => {
    const own = [{ role: "system" as const, content: "You extract people." }, ...messages];
    const request = jsonMode.buildRequest(Person, own, settings);
    expect(request.messages).toHaveLength(2);
    expect(String(request.messages[0]?.content)).toMatch(/^You extract people\.\n\n/);
    expect(own[0]?.content).toBe("You extract people.");
  });
});

describe("JSON_SCHEMA mode", () => {
  it("sends the schema once, in response_format", () => {
    const request = jsonSchemaMode.buildRequest(Person, messages, settings);
    expect(request.response_format).toEqual({
      type: "json_schema",
      json_schema: { name: "Person", schema: Person.jsonSchema, strict: false },
    });
    expect(request.messages).toEqual(messages);
  });

  it("repeats it in the prompt when asked", () => {
    const request = jsonSchemaMode.buildRequest(Person, messages, { schemaInPrompt: true, strict: false });
    expect(request.messages[0]?.role).toBe("system");
  });
});

describe("MD_JSON mode", () => {
  it("has no response_format and reads the fenced block", () => {
    const request = mdJsonMode.buildRequest(Person, messages, settings);
    expect(request.response_format).toBeUndefined();
    expect(String(request.messages[0]?.content)).toContain("```json");
    expect(mdJsonMode.readOutput(Person, answer('Here:\n```json\n{"name":"J","age":1}\n```')).text).toBe('{"name":"J","age":1}');
  });
});

describe("TOOLS mode", () => {
  it("sends one function tool and forces it", () => {
    const request = toolsMode.buildRequest(Person, messages, settings);
    expect(request.tools).toEqual([{ type: "function", function: { name: "Person", parameters: Person.jsonSchema } }]);
    expect(request.tool_choice).toEqual({ type: "function", function: { name: "Person" } });
  });

  it("reads the tool arguments, or the content when the server ignored tool_choice", () => {
    const called = answer(null, {
      tool_calls: [{ id: "call_1", type: "function", function: { name: "Person", arguments: '{"name":"J","age":2}' } }],
    });
    expect(toolsMode.readOutput(Person, called)).toEqual({ text: '{"name":"J","age":2}', toolCallId: "call_1" });
    expect(toolsMode.readOutput(Person, answer('{"name":"J","age":3}'))).toEqual({ text: '{"name":"J","age":3}', toolCallId: undefined });
  });

  it("re-asks with a tool message answering every call", () => {
    const called = answer(null, {
      tool_calls: [
        { id: "call_1", type: "function", function: { name: "Person", arguments: "{}" } },
        { id: "call_2", type: "function", function: { name: "Other", arguments: "{}" } },
      ],
    });
    const reask = toolsMode.reaskMessages(called, { text: "{}", toolCallId: "call_1" }, "fix age");
    expect(reask[0]).toMatchObject({ role: "assistant", tool_calls: called.tool_calls });
    expect(reask[1]).toEqual({ role: "tool", tool_call_id: "call_1", content: "fix age" });
    expect(reask[2]).toMatchObject({ role: "tool", tool_call_id: "call_2" });
  });
});

describe("modeStrategy", () => {
  it("names the modes there are for an unknown one", () => {
    const result = modeStrategy("yaml");
    expect(result).toBeInstanceOf(InvalidArgumentError);
    expect((result as InvalidArgumentError).message).toContain("Mode.JSON_SCHEMA");
  });
});

import type { ChatCompletionMessage } from "openai/resources/chat/completions";
import { describe, expect, it } from "vitest";
import { Mode } from "../modes/mode.js";
import { checkConstraint, keyOutsideSchema } from "./dropped-constraint.js";

const person = {
  type: "object",
  properties: {
    name: { type: "string" },
    address: { type: "object", properties: { city: { type: "string" } }, additionalProperties: false },
    tags: { type: "array", items: { type: "object", properties: { label: { type: "string" } } } },
    extra: { type: "object", properties: {}, additionalProperties: { type: "string" } },
  },
} as const;

const message = (content: string | null, fields: Record<string, unknown> = {}): ChatCompletionMessage =>
  ({ role: "assistant", content, refusal: null, ...fields }) as ChatCompletionMessage;
const noTool = { text: undefined, toolCallId: undefined };

describe("keyOutsideSchema", () => {
  it("finds the first undeclared key, with its path, in nested objects and array items", () => {
    expect(keyOutsideSchema({ name: "a", age: 3 }, person)).toBe("age");
    expect(keyOutsideSchema({ address: { city: "x", zip: "1" } }, person)).toBe("address.zip");
    expect(keyOutsideSchema({ tags: [{ label: "a" }, { label: "b", colour: "red" }] }, person)).toBe("tags[1].colour");
  });

  it("lets open objects (additionalProperties) keep any key, and finds nothing in a value that fits", () => {
    expect(keyOutsideSchema({ extra: { anything: "goes" } }, person)).toBeUndefined();
    expect(keyOutsideSchema({ name: "a", address: { city: "x" }, tags: [] }, person)).toBeUndefined();
    expect(keyOutsideSchema({ a: 1 }, { type: "object", properties: {}, additionalProperties: true })).toBeUndefined();
  });

  it("says nothing where the schema or the value has no object shape to compare", () => {
    expect(keyOutsideSchema("text", person)).toBeUndefined();
    expect(keyOutsideSchema(null, person)).toBeUndefined();
    expect(keyOutsideSchema({ a: 1 }, undefined)).toBeUndefined();
    expect(keyOutsideSchema([{ a: 1 }], { type: "array" })).toBeUndefined();
    expect(keyOutsideSchema({ a: 1 }, { type: "object" })).toBeUndefined();
  });

  it("does not take inherited names such as toString for declared properties", () => {
    expect(keyOutsideSchema({ toString: "x" }, { type: "object", properties: {} })).toBe("toString");
  });
});

describe("checkConstraint", () => {
  it("JSON_SCHEMA: one JSON document with only declared keys is honoured", () => {
    expect(checkConstraint(Mode.JSON_SCHEMA, person, message('{"name":"Ann"}'), noTool)).toEqual({ honoured: true, reason: undefined, reasoning: false });
  });

  it("JSON_SCHEMA: prose around the JSON, or a key outside the schema, is a dropped constraint with its reason", () => {
    expect(checkConstraint(Mode.JSON_SCHEMA, person, message('Sure! {"name":"Ann"}'), noTool)).toMatchObject({ honoured: false, reason: expect.stringContaining("text around") });
    expect(checkConstraint(Mode.JSON_SCHEMA, person, message('{"name":"Ann","age":3}'), noTool)).toMatchObject({ honoured: false, reason: 'key "age" is not in the schema' });
  });

  it("JSON: prose is dropped, but unknown keys are fine (json_object has no schema)", () => {
    expect(checkConstraint(Mode.JSON, person, message('{"name":"Ann","age":3}'), noTool).honoured).toBe(true);
    expect(checkConstraint(Mode.JSON, person, message('Here: {"name":"Ann"}'), noTool).honoured).toBe(false);
  });

  it("free to think, strict to answer: a <think> block or a reasoning field is allowed and reported", () => {
    expect(checkConstraint(Mode.JSON_SCHEMA, person, message('<think>the user wants {json}</think>\n{"name":"Ann"}'), noTool)).toEqual({ honoured: true, reason: undefined, reasoning: true });
    expect(checkConstraint(Mode.JSON_SCHEMA, person, message('{"name":"Ann"}', { reasoning: "hmm" }), noTool)).toMatchObject({ honoured: true, reasoning: true });
    expect(checkConstraint(Mode.JSON_SCHEMA, person, message('{"name":"Ann"}', { reasoning_content: "hmm" }), noTool)).toMatchObject({ honoured: true, reasoning: true });
  });

  it("cannot tell from an empty answer, an unfinished think block, or a mode with no server constraint", () => {
    expect(checkConstraint(Mode.JSON_SCHEMA, person, message(""), noTool).honoured).toBeUndefined();
    expect(checkConstraint(Mode.JSON_SCHEMA, person, message("<think>still going"), noTool)).toMatchObject({ honoured: undefined, reasoning: true });
    expect(checkConstraint(Mode.MD_JSON, person, message("prose ```json\n{}\n```"), noTool).honoured).toBeUndefined();
  });

  it("TOOLS: a tool call is honoured; an answer in the content under a forced tool_choice is dropped", () => {
    expect(checkConstraint(Mode.TOOLS, person, message(null), { text: "{}", toolCallId: "call_1" }).honoured).toBe(true);
    expect(checkConstraint(Mode.TOOLS, person, message('{"name":"Ann"}'), { text: '{"name":"Ann"}', toolCallId: undefined })).toMatchObject({
      honoured: false,
      reason: "no tool call under a forced tool_choice",
    });
  });
});

import { describe, expect, it } from "vitest";
import { conformToSchema } from "./conform-to-schema.js";
import { imitateServer } from "./imitate-server.js";
import type { RecordedRequest } from "./test-server.js";

const schema = { type: "object", properties: { name: { type: "string" }, age: { type: "integer" } }, required: ["name", "age"], additionalProperties: false };
const request = (body: unknown): RecordedRequest => ({ method: "POST", path: "/v1/chat/completions", headers: {}, body, rawBody: JSON.stringify(body) });
const jsonSchema = { response_format: { type: "json_schema", json_schema: { name: "P", schema } } };
const tools = { tools: [{ type: "function", function: { name: "P", parameters: schema } }], tool_choice: { type: "function", function: { name: "P" } } };

describe("conformToSchema", () => {
  it("drops keys outside the schema, forces enums and makes up missing required keys", () => {
    expect(conformToSchema({ name: "John", extra: 1 }, schema)).toEqual({ name: "John", age: 1 });
    expect(conformToSchema({}, { type: "object", properties: { ok: { type: "string", enum: ["ok"] } }, required: ["ok"] })).toEqual({ ok: "ok" });
    expect(conformToSchema([{ a: 1, b: 2 }], { type: "array", items: { type: "object", properties: { a: { type: "number" } } } })).toEqual([{ a: 1 }]);
  });
});

describe("imitateServer", () => {
  const answer = { name: "John", age: 25, mood: "happy" };

  it("shapes the answer under an honoured json_schema and writes prose when it is ignored", () => {
    expect(imitateServer({ answer })(request(jsonSchema))).toMatchObject({ kind: "completion", content: '{"name":"John","age":25}' });
    const free = imitateServer({ answer, jsonSchema: "ignore" })(request(jsonSchema));
    expect(free).toMatchObject({ kind: "completion" });
    expect((free as { content: string }).content).toMatch(/^Sure! Here it is: \{"name":"John","age":25,"mood":"happy"\}/);
  });

  it("refuses a rejected constraint with HTTP 400", () => {
    expect(imitateServer({ jsonObject: "reject" })(request({ response_format: { type: "json_object" } }))).toMatchObject({ kind: "status", status: 400 });
  });

  it("answers a forced tool call, or text when tool_choice is ignored", () => {
    expect(imitateServer({ answer })(request(tools))).toMatchObject({ toolCalls: [{ name: "P", arguments: '{"name":"John","age":25}' }] });
    const ignored = imitateServer({ answer, toolChoice: "ignore" })(request(tools));
    expect(ignored).toMatchObject({ kind: "completion", content: expect.stringContaining('"name":"John"') });
    expect(ignored).not.toHaveProperty("toolCalls");
  });

  it("thinks in a field or in tags, and counts its requests for scripted answers", () => {
    expect(imitateServer({ answer, thinking: "reasoning" })(request(jsonSchema))).toMatchObject({ reasoning: expect.any(String) });
    expect(imitateServer({ answer, thinking: "reasoning_content" })(request(jsonSchema))).toMatchObject({ reasoningContent: expect.any(String) });
    expect((imitateServer({ answer, thinking: "tags" })(request(jsonSchema)) as { content: string }).content).toMatch(/^<think>.*<\/think>\n\{"name"/s);
    const counted = imitateServer({ answerFor: (_request, index) => ({ name: `n${index}` }) });
    counted(request(jsonSchema));
    expect(counted(request(jsonSchema))).toMatchObject({ content: '{"name":"n1","age":1}' });
  });
});

import { completion, startTestServer, toolCallCompletion } from "@cortex-ml/test-server";
import type { ChatCompletion } from "openai/resources/chat/completions";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { createInstructor } from "./create-instructor.js";
import { Mode } from "./modes/mode.js";
import { structuredChat } from "./structured-chat.js";
import { planStructuredRequest } from "./structured-request.js";

const Person = v.object({ name: v.string(), age: v.number() });
const messages = [
  { role: "system" as const, content: "Extract the person." },
  { role: "user" as const, content: "Ann is 30" },
];
const bad = JSON.stringify({ name: "Ann", age: "thirty" });
const good = JSON.stringify({ name: "Ann", age: 30 });
const usage = { prompt_tokens: 10, completion_tokens: 4, total_tokens: 14 };

function answer(content: string | null, toolCall?: { id: string; name: string; arguments: string }, finishReason = "stop"): ChatCompletion {
  const message = toolCall
    ? { role: "assistant" as const, content, refusal: null, tool_calls: [{ id: toolCall.id, type: "function" as const, function: { name: toolCall.name, arguments: toolCall.arguments } }] }
    : { role: "assistant" as const, content, refusal: null };
  return { id: "c", object: "chat.completion", created: 0, model: "m", choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason as "stop" }], usage };
}

describe("planStructuredRequest", () => {
  it.each([Mode.JSON, Mode.JSON_SCHEMA, Mode.MD_JSON, Mode.TOOLS])("builds exactly the requests a live call sends in %s mode, re-ask included", async (mode) => {
    const server = await startTestServer();
    try {
      const client = createInstructor({ baseURL: server.baseURL, model: "m", mode });
      const plan = planStructuredRequest(client, { responseModel: Person, messages });
      const toolName = (plan.request().tools?.[0] as { function: { name: string } } | undefined)?.function.name ?? "";
      const asTool = mode === Mode.TOOLS;
      const wrap = (text: string) => (mode === Mode.MD_JSON ? `\`\`\`json\n${text}\n\`\`\`` : text);
      server.enqueue(
        asTool ? toolCallCompletion([{ id: "call_1", name: toolName, arguments: bad }], { usage }) : completion(wrap(bad), { usage }),
        asTool ? toolCallCompletion([{ id: "call_2", name: toolName, arguments: good }], { usage }) : completion(wrap(good), { usage }),
      );
      await expect(structuredChat(client, { responseModel: Person, messages })).resolves.toEqual({ name: "Ann", age: 30 });
      expect(plan.request()).toEqual(server.requests[0]?.body);
      const toolCall = asTool ? { id: "call_1", name: toolName, arguments: bad } : undefined;
      const verdict = await plan.judge(answer(asTool ? null : wrap(bad), toolCall), 1);
      expect(verdict.kind).toBe("rejected");
      if (verdict.kind !== "rejected") return;
      expect(verdict.rejected).toMatchObject({ attempt: 1, failure: "validation", rawOutput: bad, usage: { totalTokens: 14 } });
      expect(plan.request(verdict.followUp)).toEqual(server.requests[1]?.body);
      const accepted = await plan.judge(answer(asTool ? null : wrap(good), toolCall && { ...toolCall, arguments: good }), 2, verdict.usage);
      expect(accepted).toEqual({ kind: "valid", data: { name: "Ann", age: 30 }, usage: { promptTokens: 10, completionTokens: 4, totalTokens: 14 } });
    } finally {
      await server.close();
    }
  });

  it("fails a truncated answer as LengthLimitError (never a re-ask), with the call's total usage", async () => {
    const client = createInstructor({ baseURL: "http://127.0.0.1:9/v1", model: "m" });
    const plan = planStructuredRequest(client, { responseModel: Person, messages, maxRetries: 1 });
    const verdict = await plan.judge(answer('{"name": "A', undefined, "length"), 2, { promptTokens: 10, completionTokens: 4, totalTokens: 14 });
    expect(verdict.kind).toBe("failed");
    if (verdict.kind !== "failed") return;
    expect(verdict.error).toMatchObject({ _tag: "LengthLimitError", attempt: 2, rawOutput: '{"name": "A', usage: { totalTokens: 28 } });
    expect(plan.maxRetries).toBe(1);
    expect(plan.exhausted([], verdict.usage)).toMatchObject({ _tag: "RetriesExhaustedError", maxRetries: 1 });
  });

  it("throws the typed error of bad options, like structuredChat rejects with it", () => {
    const client = createInstructor({ baseURL: "http://127.0.0.1:9/v1", model: "m" });
    expect(() => planStructuredRequest(client, { responseModel: Person, messages: [] })).toThrow(expect.objectContaining({ _tag: "InvalidArgumentError", argument: "messages" }));
  });
});

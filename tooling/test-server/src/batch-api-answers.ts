/** What the loopback batch server answers for one submission of one batch item. */
export type BatchItemScript =
  /** A JSON value: as the forced tool's arguments when the request has tools, else as the content text. */
  | { readonly kind: "answer"; readonly json: unknown }
  /** Raw content text (no tool call). */
  | { readonly kind: "text"; readonly text: string }
  /** Cut at the token limit: `finish_reason: "length"` / `stop_reason: "max_tokens"`. */
  | { readonly kind: "truncated"; readonly text: string }
  /** The item failed: an error line (OpenAI) or an `errored` result (Anthropic). */
  | { readonly kind: "error"; readonly status: number; readonly type: string; readonly message: string }
  /** The item expired before it ran. */
  | { readonly kind: "expired" };

/** A batch item as the server received it: the request body, in the provider's shape. */
export interface BatchItemRequestSeen {
  readonly provider: "openai" | "anthropic";
  readonly customId: string;
  readonly body: Record<string, unknown>;
  /** 1 the first time this custom id is submitted, 2 the second time... */
  readonly submission: number;
}

/** Tokens every scripted answer reports. */
export const scriptedUsage = { prompt: 20, completion: 5 } as const;

function toolName(item: BatchItemRequestSeen): string | undefined {
  const tools = item.body.tools as Array<{ name?: string; function?: { name?: string } }> | undefined;
  const first = tools?.[0];
  return first?.function?.name ?? first?.name;
}

/** The OpenAI output-file line for an item (`response` or `error`), and whether it goes to the error file. */
export function openAIResultLine(item: BatchItemRequestSeen, script: BatchItemScript, sequence: number): { line: unknown; isError: boolean } {
  const customId = item.customId;
  if (script.kind === "expired") {
    return { line: { id: `batch_req_${sequence}`, custom_id: customId, response: null, error: { code: "batch_expired", message: "This request could not be executed before the completion window expired." } }, isError: true };
  }
  if (script.kind === "error") {
    const body = { error: { message: script.message, type: script.type } };
    return { line: { id: `batch_req_${sequence}`, custom_id: customId, response: { status_code: script.status, request_id: `req_${sequence}`, body }, error: null }, isError: true };
  }
  const name = toolName(item);
  const asTool = script.kind === "answer" && name !== undefined;
  const text = script.kind === "answer" ? JSON.stringify(script.json) : script.text;
  const message = asTool
    ? { role: "assistant", content: null, refusal: null, tool_calls: [{ id: `call_${sequence}`, type: "function", function: { name, arguments: text } }] }
    : { role: "assistant", content: text, refusal: null };
  const body = {
    id: `chatcmpl-${sequence}`,
    object: "chat.completion",
    created: 0,
    model: item.body.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: script.kind === "truncated" ? "length" : asTool ? "tool_calls" : "stop" }],
    usage: { prompt_tokens: scriptedUsage.prompt, completion_tokens: scriptedUsage.completion, total_tokens: scriptedUsage.prompt + scriptedUsage.completion },
  };
  return { line: { id: `batch_req_${sequence}`, custom_id: customId, response: { status_code: 200, request_id: `req_${sequence}`, body }, error: null }, isError: false };
}

/** The Anthropic results line for an item. */
export function anthropicResultLine(item: BatchItemRequestSeen, script: BatchItemScript, sequence: number): unknown {
  const customId = item.customId;
  if (script.kind === "expired") return { custom_id: customId, result: { type: "expired" } };
  if (script.kind === "error") return { custom_id: customId, result: { type: "errored", error: { type: "error", error: { type: script.type, message: script.message } } } };
  const name = toolName(item);
  const asTool = script.kind === "answer" && name !== undefined && typeof script.json === "object" && script.json !== null;
  const content = asTool
    ? [{ type: "tool_use", id: `toolu_${sequence}`, name, input: (script as { json: unknown }).json }]
    : [{ type: "text", text: script.kind === "answer" ? JSON.stringify(script.json) : script.text }];
  const message = {
    id: `msg_${sequence}`,
    type: "message",
    role: "assistant",
    model: item.body.model,
    content,
    stop_reason: script.kind === "truncated" ? "max_tokens" : asTool ? "tool_use" : "end_turn",
    stop_sequence: null,
    usage: { input_tokens: scriptedUsage.prompt, output_tokens: scriptedUsage.completion },
  };
  return { custom_id: customId, result: { type: "succeeded", message } };
}

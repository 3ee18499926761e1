import { InvalidArgumentError } from "@cortex-ml/core";
import type {
  ChatCompletion,
  ChatCompletionContentPart,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionMessageParam,
  ChatCompletionMessageToolCall,
} from "openai/resources/chat/completions";

/** A content block of the Anthropic Messages API. */
export type AnthropicBlock =
  | { readonly type: "text"; readonly text: string }
  | { readonly type: "image"; readonly source: { type: "url"; url: string } | { type: "base64"; media_type: string; data: string } }
  | { readonly type: "tool_use"; readonly id: string; readonly name: string; readonly input: unknown }
  | { readonly type: "tool_result"; readonly tool_use_id: string; readonly content: string; readonly is_error?: boolean };

/** One Anthropic message. */
export interface AnthropicMessage {
  readonly role: "user" | "assistant";
  content: AnthropicBlock[];
}

/** The `params` of an Anthropic batch request (a `POST /v1/messages` body). */
export interface AnthropicMessageParams {
  readonly model: string;
  readonly max_tokens: number;
  readonly messages: AnthropicMessage[];
  readonly system?: string;
  readonly temperature?: number;
  readonly top_p?: number;
  readonly stop_sequences?: string[];
  readonly tools?: { name: string; description?: string; input_schema: unknown }[];
  readonly tool_choice?: { type: "auto" | "any" | "none" } | { type: "tool"; name: string };
}

/** The modes whose request Anthropic can take: tools, or the schema in the prompt (its API has no `response_format`). */
export const anthropicModes = ["tools", "parallel_tools", "md_json", "json"] as const;

function text(content: string | readonly { type: string; text?: string }[] | null | undefined): string {
  if (content == null) return "";
  if (typeof content === "string") return content;
  return content.map((part) => (part.type === "text" ? (part.text ?? "") : "")).join("");
}

function imageBlock(url: string): AnthropicBlock {
  const data = /^data:([^;,]+);base64,(.*)$/s.exec(url);
  if (data) return { type: "image", source: { type: "base64", media_type: data[1] as string, data: data[2] as string } };
  return { type: "image", source: { type: "url", url } };
}

function userBlocks(content: string | readonly ChatCompletionContentPart[]): AnthropicBlock[] {
  if (typeof content === "string") return [{ type: "text", text: content }];
  return content.flatMap((part): AnthropicBlock[] => {
    if (part.type === "text") return [{ type: "text", text: part.text }];
    if (part.type === "image_url") return [imageBlock(part.image_url.url)];
    throw new InvalidArgumentError({ argument: "messages", problem: `a "${part.type}" content part cannot go through anthropic-batch; send text and images.` });
  });
}

function toolInput(call: ChatCompletionMessageToolCall): unknown {
  if (call.type !== "function") return {};
  try {
    const input = JSON.parse(call.function.arguments) as unknown;
    return typeof input === "object" && input !== null && !Array.isArray(input) ? input : { value: input };
  } catch {
    // A cut or broken answer still goes back as the model's call, wrapped, so the feedback can point at it.
    return { invalid_arguments: call.function.arguments };
  }
}

/** Appends blocks to the conversation, merging into the previous message when it has the same role (Anthropic alternates roles). */
function push(messages: AnthropicMessage[], role: AnthropicMessage["role"], blocks: AnthropicBlock[]): void {
  if (blocks.length === 0) return;
  const last = messages[messages.length - 1];
  if (last?.role === role) last.content.push(...blocks);
  else messages.push({ role, content: blocks });
}

function toolChoice(choice: ChatCompletionCreateParamsNonStreaming["tool_choice"]): AnthropicMessageParams["tool_choice"] {
  if (choice === undefined) return undefined;
  if (choice === "auto") return { type: "auto" };
  if (choice === "required") return { type: "any" };
  if (choice === "none") return { type: "none" };
  if (choice.type === "function") return { type: "tool", name: choice.function.name };
  return { type: "any" };
}

/**
 * The Anthropic Messages request for a chat-completions body, as cortex-ml
 * builds it for a mode: system and developer messages become `system`,
 * function tools become `tools` (`parameters` as `input_schema`) with the
 * matching `tool_choice`, assistant tool calls become `tool_use` blocks and
 * tool answers `tool_result` blocks (the re-ask feedback flagged `is_error`).
 * `seed` and `response_format` have no Anthropic equivalent and are left out.
 */
export function toAnthropicParams(body: ChatCompletionCreateParamsNonStreaming, defaultMaxTokens: number): AnthropicMessageParams {
  const system: string[] = [];
  const messages: AnthropicMessage[] = [];
  for (const message of body.messages as ChatCompletionMessageParam[]) {
    switch (message.role) {
      case "system":
      case "developer":
        system.push(text(message.content));
        break;
      case "user":
        push(messages, "user", userBlocks(message.content));
        break;
      case "assistant": {
        const said = text(message.content as string | null);
        const blocks: AnthropicBlock[] = said === "" ? [] : [{ type: "text", text: said }];
        for (const call of message.tool_calls ?? []) {
          if (call.type === "function") blocks.push({ type: "tool_use", id: call.id, name: call.function.name, input: toolInput(call) });
        }
        push(messages, "assistant", blocks.length === 0 ? [{ type: "text", text: "(empty answer)" }] : blocks);
        break;
      }
      case "tool":
        push(messages, "user", [{ type: "tool_result", tool_use_id: message.tool_call_id, content: text(message.content), is_error: true }]);
        break;
      default:
        throw new InvalidArgumentError({ argument: "messages", problem: `a "${message.role}" message cannot go through anthropic-batch.` });
    }
  }
  const tools = body.tools?.flatMap((tool) =>
    tool.type === "function"
      ? [{ name: tool.function.name, ...(tool.function.description ? { description: tool.function.description } : {}), input_schema: tool.function.parameters ?? { type: "object" } }]
      : [],
  );
  const maxTokens = body.max_completion_tokens ?? body.max_tokens ?? defaultMaxTokens;
  const stop = body.stop == null ? undefined : typeof body.stop === "string" ? [body.stop] : [...body.stop];
  const choice = toolChoice(body.tool_choice);
  return {
    model: body.model,
    max_tokens: maxTokens,
    messages,
    ...(system.length > 0 ? { system: system.join("\n\n") } : {}),
    ...(body.temperature == null ? {} : { temperature: body.temperature }),
    ...(body.top_p == null ? {} : { top_p: body.top_p }),
    ...(stop ? { stop_sequences: stop } : {}),
    ...(tools && tools.length > 0 ? { tools } : {}),
    ...(choice ? { tool_choice: choice } : {}),
  };
}

/** An Anthropic Messages response. */
export interface AnthropicResponse {
  readonly id?: string;
  readonly model?: string;
  readonly content?: readonly { type: string; text?: string; id?: string; name?: string; input?: unknown }[];
  readonly stop_reason?: string | null;
  readonly usage?: { readonly input_tokens?: number; readonly output_tokens?: number };
}

const finishReasons: Readonly<Record<string, ChatCompletion.Choice["finish_reason"]>> = {
  max_tokens: "length",
  tool_use: "tool_calls",
  refusal: "content_filter",
};

/**
 * The chat-completions shape of an Anthropic message, so cortex-ml's modes
 * read it as they read any answer: text blocks as `content`, `tool_use`
 * blocks as tool calls, `stop_reason: max_tokens` as `finish_reason: length`
 * (a truncated answer, never re-asked), `refusal` as `content_filter`.
 */
export function fromAnthropicMessage(message: AnthropicResponse, model: string): ChatCompletion {
  const blocks = message.content ?? [];
  const content = blocks.filter((block) => block.type === "text").map((block) => block.text ?? "").join("");
  const toolCalls: ChatCompletionMessageToolCall[] = blocks
    .filter((block) => block.type === "tool_use")
    .map((block, index) => ({ id: block.id ?? `tool_${index}`, type: "function", function: { name: block.name ?? "", arguments: JSON.stringify(block.input ?? {}) } }));
  const prompt = message.usage?.input_tokens ?? 0;
  const completion = message.usage?.output_tokens ?? 0;
  return {
    id: message.id ?? "anthropic-message",
    object: "chat.completion",
    created: 0,
    model: message.model ?? model,
    choices: [
      {
        index: 0,
        logprobs: null,
        finish_reason: finishReasons[message.stop_reason ?? ""] ?? "stop",
        message: { role: "assistant", content: content === "" && toolCalls.length > 0 ? null : content, refusal: null, ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}) },
      },
    ],
    usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion },
  };
}

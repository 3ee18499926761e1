import { InvalidArgumentError } from "@cortex-ml/core";
import type { ChatHistoryItem } from "node-llama-cpp";
import type { ChatCompletionMessageParam, ChatCompletionMessageToolCall } from "openai/resources/chat/completions";

type ContentPart = { readonly type: string; readonly text?: unknown };

function textOf(content: unknown, role: string): string | InvalidArgumentError {
  if (content === null || content === undefined) return "";
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return new InvalidArgumentError({ argument: "messages", problem: `a ${role} message has content of type ${typeof content}.` });
  const texts: string[] = [];
  for (const part of content as ContentPart[]) {
    if (part?.type === "text" && typeof part.text === "string") texts.push(part.text);
    else if (part?.type === "refusal") continue;
    else {
      return new InvalidArgumentError({
        argument: "messages",
        problem: `a ${role} message has a "${String(part?.type)}" part: the local provider runs text-only GGUF models, so send text only.`,
      });
    }
  }
  return texts.join("\n");
}

/** How an earlier tool call is shown to the model: what the tool grammars make it write. */
function toolCallsText(calls: readonly ChatCompletionMessageToolCall[]): string {
  const functions = calls.flatMap((call) => (call.type === "function" ? [call.function] : []));
  if (functions.length === 1 && functions[0]) return functions[0].arguments;
  return `[${functions.map((call) => `{"name":${JSON.stringify(call.name)},"arguments":${call.arguments.trim() || "{}"}}`).join(",")}]`;
}

/**
 * Flattens OpenAI chat messages into node-llama-cpp's chat history, which the
 * model's chat wrapper (its own template, or a generic one for models without
 * one) turns into the prompt. System and developer turns become system
 * items, assistant turns (their tool calls as the JSON the model wrote) model
 * items, and tool results user items naming the call. The history ends with
 * an empty model turn: the answer to generate.
 */
export function toChatHistory(messages: readonly ChatCompletionMessageParam[]): ChatHistoryItem[] | InvalidArgumentError {
  if (!Array.isArray(messages) || messages.length === 0) {
    return new InvalidArgumentError({ argument: "messages", problem: "give at least one message." });
  }
  const history: ChatHistoryItem[] = [];
  const toolNames = new Map<string, string>();
  for (const message of messages) {
    const role = (message as { role?: unknown }).role;
    if (role === "system" || role === "developer") {
      const text = textOf(message.content, role);
      if (text instanceof InvalidArgumentError) return text;
      history.push({ type: "system", text });
    } else if (role === "user") {
      const text = textOf(message.content, role);
      if (text instanceof InvalidArgumentError) return text;
      history.push({ type: "user", text });
    } else if (role === "assistant") {
      const text = textOf(message.content, role);
      if (text instanceof InvalidArgumentError) return text;
      const calls = message.role === "assistant" ? (message.tool_calls ?? []) : [];
      for (const call of calls) if (call.type === "function") toolNames.set(call.id, call.function.name);
      const response = [text, calls.length > 0 ? toolCallsText(calls) : ""].filter((part) => part.length > 0).join("\n");
      history.push({ type: "model", response: [response] });
    } else if (role === "tool" || role === "function") {
      const text = textOf(message.content, role);
      if (text instanceof InvalidArgumentError) return text;
      const id = message.role === "tool" ? message.tool_call_id : undefined;
      const name = message.role === "function" ? message.name : id === undefined ? undefined : toolNames.get(id);
      history.push({ type: "user", text: `Result of the ${name ? `"${name}" ` : ""}tool call${id ? ` ${id}` : ""}:\n${text}` });
    } else {
      return new InvalidArgumentError({ argument: "messages", problem: `unknown message role ${JSON.stringify(role)}.` });
    }
  }
  history.push({ type: "model", response: [] });
  return history;
}

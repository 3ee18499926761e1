import type { ChatCompletionMessage } from "openai/resources/chat/completions";

const thinkOpen = "<think>";
const thinkClose = "</think>";

/** The text after a leading `<think>...</think>` block (the answer of a model that thinks in its content), else the text. */
export function withoutThinking(text: string): string {
  const start = text.trimStart();
  if (!start.startsWith(thinkOpen)) return text;
  const end = start.indexOf(thinkClose);
  return end === -1 ? "" : start.slice(end + thinkClose.length);
}

/** True when a message shows thinking: a non-empty `reasoning` or `reasoning_content` field, or content that opens with `<think>`. */
export function showsReasoning(message: ChatCompletionMessage): boolean {
  const fields = message as unknown as { reasoning?: unknown; reasoning_content?: unknown };
  if (typeof fields.reasoning === "string" && fields.reasoning !== "") return true;
  if (typeof fields.reasoning_content === "string" && fields.reasoning_content !== "") return true;
  return typeof message.content === "string" && message.content.trimStart().startsWith(thinkOpen);
}

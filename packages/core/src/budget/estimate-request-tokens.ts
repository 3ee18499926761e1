import type { ChatCompletionCreateParamsNonStreaming } from "openai/resources/chat/completions";

/** Characters per token of English text and JSON in common BPE tokenizers (a slight over-count, so budgets err on the safe side). */
const charactersPerToken = 3.5;
/** The tokens a chat template adds around each message (role markers, separators). */
const tokensPerMessage = 4;
/** An image part, counted at a high-detail tile's size (OpenAI bills 85 + 170 per 512 px tile). */
const tokensPerImage = 765;

/** The characters of a message's content (strings, text parts) and its tool calls' arguments; images counted apart. */
function contentSize(content: unknown, images: { count: number }): number {
  if (typeof content === "string") return content.length;
  if (!Array.isArray(content)) return 0;
  let size = 0;
  for (const part of content as Array<{ type?: string; text?: string }>) {
    if (typeof part.text === "string") size += part.text.length;
    else if (part.type === "image_url" || part.type === "input_audio" || part.type === "file") images.count += 1;
  }
  return size;
}

/**
 * A cheap estimate of the prompt tokens of a request, before it is sent:
 * message texts, tool-call arguments, and the schema in `tools` /
 * `response_format`, at 3.5 characters a token, plus a few tokens per
 * message and 765 per image. Linear in the request; never tokenizes.
 */
export function estimatePromptTokens(body: ChatCompletionCreateParamsNonStreaming): number {
  const images = { count: 0 };
  let characters = 0;
  for (const message of body.messages) {
    characters += contentSize(message.content, images);
    const calls = (message as { tool_calls?: Array<{ function?: { arguments?: string; name?: string } }> }).tool_calls;
    if (calls) for (const call of calls) characters += (call.function?.arguments?.length ?? 0) + (call.function?.name?.length ?? 0);
  }
  if (body.tools !== undefined) characters += JSON.stringify(body.tools).length;
  if (body.response_format !== undefined) characters += JSON.stringify(body.response_format).length;
  return Math.ceil(characters / charactersPerToken) + tokensPerMessage * body.messages.length + tokensPerImage * images.count;
}

/** The completion bound the request asks for (`max_completion_tokens`, else `max_tokens`), when it has one. */
export function requestedCompletionTokens(body: ChatCompletionCreateParamsNonStreaming): number | undefined {
  const bound = body.max_completion_tokens ?? body.max_tokens;
  return typeof bound === "number" && bound > 0 ? bound : undefined;
}

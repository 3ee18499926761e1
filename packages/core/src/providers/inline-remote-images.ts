import { Effect } from "effect";
import type { ChatCompletionContentPart, ChatCompletionMessageParam } from "openai/resources/chat/completions";
import { InvalidArgumentError } from "../errors/index.js";

/** Largest remote image inlined as a data URL. */
export const maxInlinedImageBytes = 20 * 1024 * 1024;

function isRemote(url: string): boolean {
  return url.startsWith("http://") || url.startsWith("https://");
}

async function download(url: string, signal: AbortSignal): Promise<string> {
  const response = await fetch(url, { signal });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const length = Number(response.headers.get("content-length") ?? "0");
  if (length > maxInlinedImageBytes) throw new Error(`${length} bytes is over the ${maxInlinedImageBytes}-byte limit`);
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length > maxInlinedImageBytes) throw new Error(`${bytes.length} bytes is over the ${maxInlinedImageBytes}-byte limit`);
  const type = (response.headers.get("content-type") ?? "image/png").split(";")[0]?.trim() || "image/png";
  return `data:${type};base64,${bytes.toString("base64")}`;
}

/**
 * For providers that take only base64 `data:` URLs (Ollama): downloads every
 * http(s) image of the messages and inlines it. Messages without remote
 * images are returned as they are; the caller's messages are never mutated.
 */
export function inlineRemoteImages(
  messages: readonly ChatCompletionMessageParam[],
): Effect.Effect<readonly ChatCompletionMessageParam[], InvalidArgumentError> {
  const hasRemote = messages.some(
    (message) => Array.isArray(message.content) && message.content.some((part) => part.type === "image_url" && isRemote(part.image_url.url)),
  );
  if (!hasRemote) return Effect.succeed(messages);
  return Effect.forEach(messages, (message) => {
    if (message.role !== "user" || !Array.isArray(message.content)) return Effect.succeed(message);
    return Effect.map(
      Effect.forEach(message.content, (part): Effect.Effect<ChatCompletionContentPart, InvalidArgumentError> => {
        if (part.type !== "image_url" || !isRemote(part.image_url.url)) return Effect.succeed(part);
        const url = part.image_url.url;
        return Effect.tryPromise({
          try: (signal) => download(url, signal),
          catch: (error) =>
            new InvalidArgumentError({
              argument: "messages",
              problem: `the image ${url} could not be downloaded to send it inline (this provider takes only base64 data URLs): ${(error as Error).message}. Pass { type: "image", path } or { base64, mediaType } instead.`,
            }),
        }).pipe(Effect.map((dataUrl) => ({ ...part, image_url: { ...part.image_url, url: dataUrl } })));
      }),
      (content) => ({ ...message, content }) as ChatCompletionMessageParam,
    );
  });
}

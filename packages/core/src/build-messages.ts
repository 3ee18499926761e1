import type { ChatCompletionContentPart, ChatCompletionMessageParam } from "openai/resources/chat/completions";
import { type ImageInput, toImageContentPart } from "./messages/image-part.js";

/** One part of a user message: text, an image ({@link ImageInput}), or an OpenAI content part as is. */
export type UserContentPart = string | ImageInput | ChatCompletionContentPart;

/** What `buildMessages` takes: the user's content, an optional system prompt, earlier turns. */
export interface BuildMessagesInput {
  /** The user's text, or content parts: strings, images (`{ type: "image", url | path | base64 }`), OpenAI parts. */
  readonly user: string | readonly UserContentPart[];
  /** A system prompt placed first. */
  readonly system?: string;
  /** Earlier turns placed between the system prompt and the user message. */
  readonly history?: readonly ChatCompletionMessageParam[];
}

/**
 * Builds the message list of a call in one consistent shape: an optional
 * system message, earlier turns, then the user message.
 *
 * @example
 * buildMessages("Extract: John is 25");
 * buildMessages({ system: "You extract people.", user: "John is 25" });
 * buildMessages({ user: ["What is on this receipt?", { type: "image", path: "receipt.png" }] });
 */
export function buildMessages(input: string | BuildMessagesInput): ChatCompletionMessageParam[] {
  const { user, system, history = [] } = typeof input === "string" ? { user: input } : input;
  const messages: ChatCompletionMessageParam[] = [];
  if (system !== undefined && system.trim() !== "") messages.push({ role: "system", content: system });
  messages.push(...history);
  messages.push({ role: "user", content: typeof user === "string" ? user : user.map(toContentPart) });
  return messages;
}

function toContentPart(part: UserContentPart): ChatCompletionContentPart {
  if (typeof part === "string") return { type: "text", text: part };
  if (part.type === "image") return toImageContentPart(part);
  return part;
}

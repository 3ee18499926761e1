import type { CompletionReply, ScriptedReply } from "./scripted-reply.js";

/** Extra fields of a completion reply, everything but its kind and content. */
export type CompletionExtra = Partial<Omit<CompletionReply, "kind" | "content">>;

/** A completion whose assistant message has the given content (`null` for none). */
export function completion(content: string | null, extra: CompletionExtra = {}): ScriptedReply {
  return { kind: "completion", ...extra, content };
}

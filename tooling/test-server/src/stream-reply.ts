import type { ScriptedReply, StreamReply } from "./scripted-reply.js";

/** Options of a stream reply: `done`, `chunkDelayMs`, `cutAfter`, `stallAfter`. */
export type StreamReplyOptions = Omit<StreamReply, "kind" | "chunks">;

/** A server-sent-events reply sending the given chunks (objects as JSON `data:` events, strings verbatim). */
export function streamReply(chunks: Array<unknown | string>, options: StreamReplyOptions = {}): ScriptedReply {
  return { kind: "stream", ...options, chunks };
}

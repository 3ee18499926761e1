import type { ScriptedReply } from "./scripted-reply.js";

/** A reply that destroys the connection without answering (the client sees a network error). */
export function resetReply(): ScriptedReply {
  return { kind: "reset" };
}

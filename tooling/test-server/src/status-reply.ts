import type { ScriptedReply } from "./scripted-reply.js";

/** An HTTP status reply with a JSON body (a default error body when omitted) and extra headers. */
export function statusReply(
  status: number,
  body?: unknown,
  headers?: Record<string, string>,
): ScriptedReply {
  return {
    kind: "status",
    status,
    ...(body === undefined ? {} : { body }),
    ...(headers === undefined ? {} : { headers }),
  };
}

import type { IncomingMessage, ServerResponse } from "node:http";
import { completionBody, type CompletionContext } from "./completion-body.js";
import { completionStream, wantsStream } from "./completion-stream.js";
import { delay } from "./delay.js";
import type { ScriptedReply } from "./scripted-reply.js";
import { sendJson, testError } from "./send-json.js";
import { sendRaw } from "./send-raw.js";
import { writeStream } from "./write-stream.js";

/**
 * Answer one chat-completions request with a scripted reply. `signal` aborts when the server closes or the
 * response closes; a reply still waiting on its `delayMs` then sends nothing.
 */
export async function sendReply(
  request: IncomingMessage,
  response: ServerResponse,
  reply: ScriptedReply,
  context: CompletionContext,
  signal: AbortSignal,
): Promise<void> {
  switch (reply.kind) {
    case "reset":
      request.socket.destroy();
      return;
    case "stream":
      return writeStream(response, reply, signal);
    case "completion":
      if (!(await delay(reply.delayMs, signal))) return;
      if (wantsStream(context.requestBody)) return writeStream(response, completionStream(reply, context), signal);
      return sendJson(response, 200, completionBody(reply, context));
    case "status": {
      if (!(await delay(reply.delayMs, signal))) return;
      const body = reply.body === undefined ? testError(`scripted status ${reply.status}`) : reply.body;
      return sendJson(response, reply.status, body, reply.headers);
    }
    case "raw":
      if (!(await delay(reply.delayMs, signal))) return;
      return sendRaw(response, reply, signal);
  }
}

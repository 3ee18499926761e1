import type { ServerResponse } from "node:http";
import { delay } from "./delay.js";
import type { StreamReply } from "./scripted-reply.js";
import { encodeSseChunk, SSE_DONE } from "./sse.js";

/** Write `text` and resolve `true` once it reached the socket, `false` if the response closed first. */
function writeText(response: ServerResponse, text: string, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted || response.destroyed || response.writableEnded) return Promise.resolve(false);
  return new Promise<boolean>((resolve) => {
    const onClose = (): void => resolve(false);
    response.once("close", onClose);
    response.write(text, (error) => {
      response.off("close", onClose);
      resolve(error === undefined || error === null);
    });
  });
}

/** End the socket once everything written so far is flushed, then destroy it: the body stops mid-stream. */
function cut(response: ServerResponse): void {
  const socket = response.socket;
  if (socket === null || socket.destroyed) return;
  socket.end(() => socket.destroy());
}

/**
 * Send a stream reply as server-sent events: headers at once, then each chunk (waiting `chunkDelayMs` between
 * two writes), then `data: [DONE]` unless `done === false`. `cutAfter` / `stallAfter` stop after that many chunks
 * (checked before each chunk, and once more after the last one, before `[DONE]`).
 */
export async function writeStream(response: ServerResponse, reply: StreamReply, signal: AbortSignal): Promise<void> {
  response.statusCode = 200;
  response.setHeader("content-type", "text/event-stream; charset=utf-8");
  response.setHeader("cache-control", "no-cache");
  response.flushHeaders();
  const wire = reply.chunks.map(encodeSseChunk);
  for (let sent = 0; ; sent += 1) {
    if (reply.cutAfter === sent) return cut(response);
    if (reply.stallAfter === sent) return;
    const text = wire[sent];
    if (text === undefined) break;
    if (sent > 0 && !(await delay(reply.chunkDelayMs, signal))) return;
    if (!(await writeText(response, text, signal))) return;
  }
  if (reply.done !== false) {
    if (wire.length > 0 && !(await delay(reply.chunkDelayMs, signal))) return;
    if (!(await writeText(response, SSE_DONE, signal))) return;
  }
  response.end();
}

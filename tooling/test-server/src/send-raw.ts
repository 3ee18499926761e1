import type { ServerResponse } from "node:http";
import { delay } from "./delay.js";
import type { RawReply } from "./scripted-reply.js";

function write(response: ServerResponse, bytes: Buffer): Promise<boolean> {
  if (response.destroyed || response.writableEnded) return Promise.resolve(false);
  return new Promise((resolve) => response.write(bytes, (error) => resolve(!error)));
}

/**
 * Send a raw reply: the body as is (default text/plain), or cut after
 * `cutAfterBytes` (the socket is destroyed mid-body), or dripped a few bytes
 * at a time (`dripBytes`, `dripDelayMs`) with chunked encoding.
 */
export async function sendRaw(response: ServerResponse, reply: RawReply, signal: AbortSignal): Promise<void> {
  response.statusCode = reply.status ?? 200;
  response.setHeader("content-type", "text/plain; charset=utf-8");
  for (const [name, value] of Object.entries(reply.headers ?? {})) response.setHeader(name, value);
  const body = Buffer.from(reply.body, "utf8");
  if (reply.cutAfterBytes !== undefined) {
    response.setHeader("content-length", String(body.length));
    await write(response, body.subarray(0, reply.cutAfterBytes));
    const socket = response.socket;
    if (socket && !socket.destroyed) socket.end(() => socket.destroy());
    return;
  }
  if (reply.dripBytes !== undefined && reply.dripBytes > 0) {
    for (let offset = 0; offset < body.length; offset += reply.dripBytes) {
      if (offset > 0 && !(await delay(reply.dripDelayMs, signal))) return;
      if (!(await write(response, body.subarray(offset, offset + reply.dripBytes)))) return;
    }
    response.end();
    return;
  }
  response.end(body);
}

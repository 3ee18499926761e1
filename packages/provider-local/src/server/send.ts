import type { ServerResponse } from "node:http";
import type { ErrorAnswer } from "./error-body.js";

/** Sends a JSON answer (unless the response already started). */
export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (response.headersSent) {
    response.end();
    return;
  }
  const text = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  response.end(text);
}

/** Sends an OpenAI-style error answer. */
export function sendError(response: ServerResponse, answer: ErrorAnswer, headers: Record<string, string> = {}): void {
  sendJson(response, answer.status, answer.body, headers);
}

/** Starts a server-sent events answer. */
export function startEvents(response: ServerResponse): void {
  response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
  response.flushHeaders();
}

/** Writes one `data:` event. */
export function writeEvent(response: ServerResponse, data: string): void {
  response.write(`data: ${data}\n\n`);
}

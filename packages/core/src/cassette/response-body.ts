import { redactSecrets } from "../redact.js";
import type { RecordedResponse } from "./recorded-exchange.js";
import { endsWithDone, eventPieces, splitEvents } from "./sse-events.js";

/** The body fields of a recorded response. */
export type RecordedBody = Pick<RecordedResponse, "body" | "text" | "base64" | "events" | "tail" | "cut">;

/** True for a `text/event-stream` content type. */
export function isEventStream(contentType: string | null | undefined): boolean {
  return contentType?.toLowerCase().includes("text/event-stream") ?? false;
}

/**
 * A live body as a cassette keeps it, in the most readable form that gives
 * back the same bytes (secrets removed first): SSE events, JSON, text, or
 * base64 when the bytes are not UTF-8. `ended` says whether the body was read
 * to its end; a stream that was not (and did not reach `[DONE]`) is `cut`.
 */
export function encodeBody(bytes: Uint8Array, eventStream: boolean, ended: boolean, secrets: readonly string[]): RecordedBody {
  let decoded: string;
  try {
    decoded = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return { base64: Buffer.from(bytes).toString("base64") };
  }
  const text = redactSecrets(decoded, secrets);
  if (eventStream) {
    const { events, tail } = splitEvents(text);
    const cut = !ended && !endsWithDone(text);
    return { events, ...(tail ? { tail } : {}), ...(cut ? { cut: true } : {}) };
  }
  if (text === "") return {};
  try {
    const body: unknown = JSON.parse(text);
    if (JSON.stringify(body) === text) return { body };
  } catch {
    // Not JSON: kept as text.
  }
  return { text };
}

const encoder = new TextEncoder();

/** The bytes of a recorded body, in the pieces a replay sends (one per SSE event; one piece otherwise). */
export function bodyPieces(response: RecordedBody): Uint8Array[] {
  if (response.events !== undefined) return eventPieces(response.events, response.tail).map((piece) => encoder.encode(piece));
  if (response.base64 !== undefined) return [new Uint8Array(Buffer.from(response.base64, "base64"))];
  if (response.text !== undefined) return [encoder.encode(response.text)];
  if ("body" in response) return [encoder.encode(JSON.stringify(response.body))];
  return [];
}

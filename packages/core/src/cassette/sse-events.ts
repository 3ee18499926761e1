import type { RecordedEvent } from "./recorded-exchange.js";

const separator = "\n\n";

/** One event's text as a cassette keeps it: `{ data }` when that gives back the same text, else the text. */
function recordedEvent(text: string): RecordedEvent {
  if (!text.startsWith("data: ")) return text;
  const payload = text.slice(6);
  try {
    const data: unknown = JSON.parse(payload);
    if (typeof data === "object" && data !== null && JSON.stringify(data) === payload) return { data };
  } catch {
    // Not JSON ("[DONE]"): kept as text.
  }
  return text;
}

/** The text of a recorded event (without its separator). */
export function eventText(event: RecordedEvent): string {
  return typeof event === "string" ? event : `data: ${JSON.stringify(event.data)}`;
}

/**
 * Splits an SSE body into its events (the text between blank lines) and the
 * tail after the last separator ("" for a stream that ended cleanly), so that
 * joining each event with "\n\n" and appending the tail gives back the text.
 */
export function splitEvents(text: string): { readonly events: RecordedEvent[]; readonly tail: string } {
  const pieces = text.split(separator);
  const tail = pieces.pop() ?? "";
  return { events: pieces.map(recordedEvent), tail };
}

/** The pieces a recorded stream is replayed in: one per event (with its separator), then the tail. */
export function eventPieces(events: readonly RecordedEvent[], tail: string | undefined): string[] {
  const pieces = events.map((event) => eventText(event) + separator);
  if (tail) pieces.push(tail);
  return pieces;
}

/** True when an SSE body ends with the `[DONE]` event (the stream finished, even if the socket was closed after). */
export function endsWithDone(text: string): boolean {
  return text.endsWith(`data: [DONE]${separator}`);
}

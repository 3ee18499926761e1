/**
 * One server-sent event of a recorded stream: `{ data }` for an event that is
 * exactly `data: <compact JSON>` (readable in the file), else the event's
 * text as it was sent (`"data: [DONE]"`), without the blank line after it.
 */
export type RecordedEvent = { readonly data: unknown } | string;

/**
 * A request as a cassette keeps it: no headers at all (so no API key or auth
 * header is ever written), the path without the host (a recording made
 * against one port replays against another), and the body with its object
 * keys sorted. A JSON body is in `body`; any other body in `text`.
 */
export interface RecordedRequest {
  readonly method: string;
  /** Path and query, e.g. `/v1/chat/completions`. */
  readonly path: string;
  readonly body?: unknown;
  readonly text?: string;
}

/**
 * An answer as a cassette keeps it: the status, the headers a client reads
 * (content type and retry advice), and the body in exactly one readable form
 * that gives back the same bytes: `body` (JSON that serialises back to the
 * same text), `text`, `base64` (not UTF-8), or for an SSE stream `events`
 * plus `tail` (bytes after the last event) and `cut` (the stream ended
 * without finishing: a replay fails there as the live stream did).
 */
export interface RecordedResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: unknown;
  readonly text?: string;
  readonly base64?: string;
  readonly events?: readonly RecordedEvent[];
  readonly tail?: string;
  readonly cut?: boolean;
}

/** One line of a cassette: a request and the answer it got. */
export interface RecordedExchange {
  readonly request: RecordedRequest;
  readonly response: RecordedResponse;
}

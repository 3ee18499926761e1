import type { RecordedResponse } from "./recorded-exchange.js";
import { encodeBody, isEventStream } from "./response-body.js";

/** The headers a client reads: the body's type and the server's retry advice. Nothing else is kept. */
const keptHeaders = ["content-type", "retry-after", "retry-after-ms", "x-should-retry"];

/** Statuses whose response has no body (a `Response` with one cannot be built). */
export const nullBodyStatuses: ReadonlySet<number> = new Set([101, 103, 204, 205, 304]);

function recordedHeaders(headers: Headers): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of keptHeaders) {
    const value = headers.get(name);
    if (value !== null) kept[name] = value;
  }
  return kept;
}

/**
 * Hands a live response on to the client unchanged while recording it.
 * `record` is called once with the recorded answer: for a plain body before
 * this resolves (so a failing write fails the call); for an SSE stream when
 * the stream ends, fails, is cancelled, or the request's signal aborts (the
 * client stops reading after `[DONE]` and aborts the request, so the end of
 * the socket may never be read). A stream is passed on read by read, as it
 * arrives.
 */
export async function recordResponse(
  response: Response,
  signal: AbortSignal | null | undefined,
  secrets: readonly string[],
  record: (answer: RecordedResponse) => void,
): Promise<Response> {
  const head = { status: response.status, headers: recordedHeaders(response.headers) };
  const init = { status: response.status, statusText: response.statusText, headers: response.headers };
  if (response.body === null || !isEventStream(response.headers.get("content-type"))) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    record({ ...head, ...encodeBody(bytes, false, true, secrets) });
    return new Response(nullBodyStatuses.has(response.status) ? null : bytes, init);
  }
  const reader = response.body.getReader();
  const parts: Uint8Array[] = [];
  let settled = false;
  const settle = (ended: boolean): void => {
    if (settled) return;
    settled = true;
    signal?.removeEventListener("abort", onAbort);
    try {
      record({ ...head, ...encodeBody(Buffer.concat(parts), true, ended, secrets) });
    } catch {
      // The cassette keeps a failed write and fails the next request with it.
    }
  };
  const onAbort = (): void => settle(false);
  signal?.addEventListener("abort", onAbort, { once: true });
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let result: Awaited<ReturnType<typeof reader.read>>;
        try {
          result = await reader.read();
        } catch (error) {
          settle(false);
          controller.error(error);
          return;
        }
        if (result.done) {
          settle(true);
          controller.close();
          return;
        }
        parts.push(result.value);
        controller.enqueue(result.value);
      },
      cancel(reason) {
        settle(false);
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
  return new Response(body, init);
}

import { nullBodyStatuses } from "./record-response.js";
import type { RecordedResponse } from "./recorded-exchange.js";
import { bodyPieces } from "./response-body.js";

/**
 * A `Response` giving back a recorded answer: its status, kept headers and
 * body bytes. An SSE stream comes event by event (a client sees each chunk
 * as it would live); a stream recorded `cut` fails after its last event, as
 * the live one did. Aborting the signal fails the body.
 */
export function replayResponse(recorded: RecordedResponse, signal: AbortSignal | null | undefined): Response {
  const init = { status: recorded.status, headers: recorded.headers };
  if (nullBodyStatuses.has(recorded.status)) return new Response(null, init);
  const pieces = bodyPieces(recorded);
  if (recorded.events === undefined) return new Response(pieces[0] ?? "", init);
  let next = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (signal?.aborted) return controller.error(signal.reason);
        const piece = pieces[next];
        next += 1;
        if (piece !== undefined) controller.enqueue(piece);
        else if (recorded.cut === true) controller.error(new TypeError("terminated (the recorded stream was cut here)"));
        else controller.close();
      },
    },
    { highWaterMark: 0 },
  );
  return new Response(body, init);
}

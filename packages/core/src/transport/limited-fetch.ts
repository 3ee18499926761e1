import { ResponseTooLargeError } from "../errors/response-too-large-error.js";

/**
 * Wraps `fetch` so no answer larger than `maxBytes` is read: a declared
 * Content-Length over the limit fails at once; a body without one (chunked,
 * SSE) is counted as it streams and cut at the limit. Answers that declare a
 * length within the limit pass through untouched (no per-chunk cost).
 */
export function limitedFetch(inner: typeof fetch, maxBytes: number, baseURL: string): typeof fetch {
  return async (input, init) => {
    const response = await inner(input, init);
    const declared = response.headers.get("content-length");
    if (declared !== null && declared.trim() !== "") {
      if (Number(declared) > maxBytes) {
        await response.body?.cancel().catch(() => undefined);
        throw new ResponseTooLargeError({ baseURL, limitBytes: maxBytes });
      }
      return response;
    }
    if (!response.body) return response;
    let total = 0;
    const counted = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          total += chunk.byteLength;
          if (total > maxBytes) controller.error(new ResponseTooLargeError({ baseURL, limitBytes: maxBytes }));
          else controller.enqueue(chunk);
        },
      }),
    );
    return new Response(counted, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

import { ResponseTooLargeError } from "../errors/response-too-large-error.js";

/**
 * Wraps `fetch` so no answer larger than `maxBytes` is read: a declared
 * Content-Length over the limit fails at once; a body without one (chunked,
 * SSE) is counted as it streams and cut at the limit. Answers that declare a
 * length within the limit pass through untouched (no per-chunk cost).
 */
export function limitedFetch(inner: typeof fetch, maxBytes: number, baseURL: string): typeof fetch {
  const limit = (response: Response): Response | Promise<Response> => {
    const declared = response.headers.get("content-length");
    if (declared !== null && declared.trim() !== "") {
      if (Number(declared) > maxBytes) {
        return (response.body?.cancel().catch(() => undefined) ?? Promise.resolve()).then(() => {
          throw new ResponseTooLargeError({ baseURL, limitBytes: maxBytes });
        });
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
  // One `.then` on the answer rather than an async wrapper: every request passes here.
  return (input, init) => {
    let answer: Promise<Response>;
    try {
      answer = inner(input, init);
    } catch (error) {
      return Promise.reject(error);
    }
    return answer.then(limit);
  };
}

/** Header access shared by fetch `Headers` and plain records. */
export type HeaderSource = { get(name: string): string | null } | Record<string, string | string[] | undefined> | undefined | null;

function header(headers: HeaderSource, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as { get?: unknown }).get === "function") {
    return (headers as { get(name: string): string | null }).get(name) ?? undefined;
  }
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The delay a server asked for before the next request, in milliseconds:
 * `retry-after-ms`, else `retry-after` as seconds or an HTTP date. Undefined
 * when absent, unreadable, negative, or over `maxMs` (default 60 s), as
 * openai-node does: a longer wait is better left to the caller.
 */
export function retryAfterMs(headers: HeaderSource, now: number = Date.now(), maxMs = 60_000): number | undefined {
  let delay: number | undefined;
  const milliseconds = header(headers, "retry-after-ms");
  if (milliseconds !== undefined && milliseconds.trim() !== "" && Number.isFinite(Number(milliseconds))) {
    delay = Number(milliseconds);
  } else {
    const value = header(headers, "retry-after");
    if (value !== undefined && value.trim() !== "") {
      const seconds = Number(value);
      if (Number.isFinite(seconds)) delay = seconds * 1000;
      else {
        const date = Date.parse(value);
        if (Number.isFinite(date)) delay = date - now;
      }
    }
  }
  if (delay === undefined || delay < 0 || delay > maxMs) return undefined;
  return delay;
}

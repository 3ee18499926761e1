import type { IncomingMessage } from "node:http";

/** The largest request body the test server reads: 16 MiB. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** The outcome of reading a request body: its text, or `tooLarge` once more than the limit arrived. */
export type BodyResult = { ok: true; text: string } | { ok: false; tooLarge: true };

/**
 * Read a request body as UTF-8, keeping at most `limit` bytes in memory. A declared `content-length` above the
 * limit is refused before anything is read; past the limit reading stops and the rest is left unread.
 * Rejects when the request errors or is aborted before it ends.
 */
export function readBody(request: IncomingMessage, limit: number = MAX_BODY_BYTES): Promise<BodyResult> {
  const declared = Number(request.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) {
    return Promise.resolve({ ok: false, tooLarge: true });
  }
  return new Promise<BodyResult>((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    const cleanup = (): void => {
      request.off("data", onData);
      request.off("end", onEnd);
      request.off("error", onError);
      request.off("close", onClose);
    };
    const onData = (part: Buffer): void => {
      size += part.length;
      if (size > limit) {
        cleanup();
        request.pause();
        parts.length = 0;
        resolve({ ok: false, tooLarge: true });
        return;
      }
      parts.push(part);
    };
    const onEnd = (): void => {
      cleanup();
      resolve({ ok: true, text: Buffer.concat(parts).toString("utf8") });
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    const onClose = (): void => {
      cleanup();
      reject(new Error("request closed before its body ended"));
    };
    request.on("data", onData);
    request.on("end", onEnd);
    request.on("error", onError);
    request.on("close", onClose);
  });
}

/** Parse a body as JSON; `undefined` for an empty or malformed body. */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

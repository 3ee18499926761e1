import type { IncomingMessage } from "node:http";

/** Why a request body could not be read. */
export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message);
    this.name = "BodyError";
  }
}

/** Reads a JSON object body of at most `limitBytes`; a BodyError (413 or 400) otherwise. */
export async function readJsonBody(request: IncomingMessage, limitBytes: number): Promise<Record<string, unknown>> {
  const declared = Number(request.headers["content-length"] ?? "0");
  if (declared > limitBytes) throw new BodyError(413, `the request body is ${declared} bytes, over the ${limitBytes}-byte limit`);
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of request) {
    const chunk = part as Buffer;
    size += chunk.length;
    if (size > limitBytes) {
      request.resume();
      throw new BodyError(413, `the request body is over the ${limitBytes}-byte limit`);
    }
    parts.push(chunk);
  }
  let value: unknown;
  try {
    value = JSON.parse(Buffer.concat(parts).toString("utf8"));
  } catch (error) {
    throw new BodyError(400, `the request body is not JSON (${(error as Error).message})`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new BodyError(400, "the request body must be a JSON object");
  return value as Record<string, unknown>;
}

import { redactSecrets } from "../redact.js";
import type { RecordedRequest } from "./recorded-exchange.js";
import { sortedKeys } from "./sorted-keys.js";

type FetchInput = Parameters<typeof fetch>[0];
type FetchBody = RequestInit["body"];

/** A request on its way out: as the cassette keeps it, its matching key, and the arguments to send it on. */
export interface SentRequest {
  readonly recorded: RecordedRequest;
  readonly key: string;
  readonly forward: readonly [input: FetchInput, init: RequestInit | undefined];
}

/**
 * The key a request is matched by: method, path and body (JSON compared with
 * sorted keys). The same request sent several times has the same key; its
 * recordings are answered in the order they were made.
 */
export function requestKey(request: RecordedRequest): string {
  const body = "body" in request ? JSON.stringify(sortedKeys(request.body)) : (request.text ?? "");
  return `${request.method} ${request.path} ${body}`;
}

/** The request with its body as a cassette keeps it: sorted JSON in `body`, other text in `text`, secrets removed. */
export function recordedRequest(method: string, url: string, bodyText: string | undefined, secrets: readonly string[]): RecordedRequest {
  const parsed = new URL(url);
  const path = redactSecrets(parsed.pathname + parsed.search, secrets);
  if (bodyText === undefined || bodyText === "") return { method, path };
  const text = redactSecrets(bodyText, secrets);
  try {
    return { method, path, body: sortedKeys(JSON.parse(text)) };
  } catch {
    return { method, path, text };
  }
}

/** The body's text, and a body that can still be sent (a stream is read once, so it is sent as the bytes read). */
async function bodyOf(body: FetchBody): Promise<{ text: string | undefined; resend: FetchBody }> {
  if (body === undefined || body === null) return { text: undefined, resend: body };
  if (typeof body === "string") return { text: body, resend: body };
  const bytes = new Uint8Array(await new Response(body).arrayBuffer());
  return { text: new TextDecoder().decode(bytes), resend: body instanceof ReadableStream ? bytes : body };
}

/** Reads what `fetch(input, init)` would send (a `Request` included) without consuming anything it still needs. */
export async function readSentRequest(input: FetchInput, init: RequestInit | undefined, secrets: readonly string[]): Promise<SentRequest> {
  const request = input instanceof Request ? input : undefined;
  const url = request ? request.url : input instanceof URL ? input.href : String(input);
  const method = (init?.method ?? request?.method ?? "GET").toUpperCase();
  if (init?.body === undefined && request) {
    const text = request.body === null ? undefined : await request.clone().text();
    const recorded = recordedRequest(method, url, text, secrets);
    return { recorded, key: requestKey(recorded), forward: [input, init] };
  }
  const { text, resend } = await bodyOf(init?.body);
  const recorded = recordedRequest(method, url, text, secrets);
  return { recorded, key: requestKey(recorded), forward: [input, resend === init?.body ? init : { ...init, body: resend }] };
}

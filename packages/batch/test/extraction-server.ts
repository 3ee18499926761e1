import { completion, type RecordedRequest, type ScriptedReply, startTestServer, statusReply, type TestServer } from "@cortex-ml/test-server";

/** How the loopback endpoint answers. */
export interface ExtractionServerOptions {
  /** Milliseconds before each answer. Default 0. */
  readonly delayMs?: number;
  /** Answer 429 until this time (ms since epoch). */
  readonly overloadedUntil?: () => number;
  /** Keep the requests (default false: the bench sends many). */
  readonly recordRequests?: boolean;
  /** Called on each request with the status it gets. */
  readonly onRequest?: (status: number) => void;
}

/** The user text of a chat request. */
export function userText(request: RecordedRequest): string {
  const messages = (request.body as { messages?: { role: string; content: unknown }[] } | undefined)?.messages ?? [];
  const user = messages.find((message) => message.role === "user");
  return typeof user?.content === "string" ? user.content : "";
}

/**
 * A loopback OpenAI-compatible endpoint that extracts `{ name }` from a
 * record's text: the text itself, 30 tokens a request. Texts starting with
 * POISON always get an invalid answer, LONG a cut-off one (finish_reason
 * "length"), BAD a 400; HANG is never answered (its worker is killed with it).
 */
export function startExtractionServer(options: ExtractionServerOptions = {}): Promise<TestServer> {
  const delayMs = options.delayMs ?? 0;
  const usage = { prompt_tokens: 20, completion_tokens: 10, total_tokens: 30 };
  const answer = (request: RecordedRequest): ScriptedReply => {
    const overloaded = options.overloadedUntil !== undefined && Date.now() < options.overloadedUntil();
    const text = userText(request);
    options.onRequest?.(overloaded ? 429 : text.startsWith("BAD") ? 400 : 200);
    if (overloaded) {
      return statusReply(429, { error: { message: "slow down", type: "rate_limit" } });
    }
    if (text.startsWith("POISON")) return completion(JSON.stringify({ nom: text }), { usage, delayMs });
    if (text.startsWith("LONG")) return completion('{"name": "cut', { usage, delayMs, finishReason: "length" });
    if (text.startsWith("HANG")) return completion(JSON.stringify({ name: text }), { usage, delayMs: 600_000 });
    if (text.startsWith("BAD")) return statusReply(400, { error: { message: "bad request", type: "invalid_request_error" } });
    return completion(JSON.stringify({ name: text }), { usage, delayMs });
  };
  return startTestServer({ fallback: answer, recordRequests: options.recordRequests ?? false });
}

/** An OpenAI-style error answer: the HTTP status and `{ error: { message, type, param, code } }`. */
export interface ErrorAnswer {
  readonly status: number;
  readonly body: { readonly error: { readonly message: string; readonly type: string; readonly param: string | null; readonly code: string | null } };
}

/** Builds an {@link ErrorAnswer}. */
export function errorAnswer(status: number, message: string, type: string, code: string | null = null, param: string | null = null): ErrorAnswer {
  return { status, body: { error: { message, type, param, code } } };
}

/** A typed engine or transport failure as the error answer an OpenAI client understands (and core maps back). */
export function errorAnswerFor(error: unknown): ErrorAnswer {
  const tagged = (error ?? {}) as { _tag?: unknown; message?: unknown; status?: unknown; argument?: unknown; model?: unknown };
  const message = typeof tagged.message === "string" ? tagged.message : String(error);
  switch (tagged._tag) {
    case "InvalidArgumentError":
      return errorAnswer(400, message, "invalid_request_error", "invalid_argument", typeof tagged.argument === "string" ? tagged.argument : null);
    case "ModelNotFoundError":
      // Core reads a 404 whose message says the model was not found as ModelNotFoundError.
      return errorAnswer(404, `model not found: ${message}`, "invalid_request_error", "model_not_found", "model");
    case "TimeoutError":
      return errorAnswer(504, message, "timeout_error", "timeout");
    case "RequestAbortedError":
      return errorAnswer(499, message, "request_aborted", "aborted");
    case "ConnectionError":
      return errorAnswer(502, message, "server_error", "connection_error");
    case "ApiError":
      return errorAnswer(typeof tagged.status === "number" && tagged.status >= 400 ? tagged.status : 500, message, "server_error", "engine_error");
    default:
      return errorAnswer(500, message, "server_error", "internal_error");
  }
}

import { ApiError, InvalidArgumentError, ModelNotFoundError, RequestAbortedError, TimeoutError, type TransportError } from "@cortex-ml/core";
import { ModelDownloadError } from "./model-download-error.js";

/** What to tell someone whose model file is missing. */
export function modelNotFoundHint(model: string): string {
  return `Pass the path of a GGUF model file (absolute, or relative to ${process.cwd()}; "~" works), e.g. fromProvider("local//models/model.gguf"), or "hf:<user>/<repo>/<file>.gguf" to download one into $CORTEX_MODELS_DIR (default ~/.cache/cortex-ml/models). Small GGUF models: huggingface.co/models?library=gguf. Asked for: ${model}`;
}

/** The model file does not exist. */
export function modelFileMissing(model: string, path: string, baseURL: string): ModelNotFoundError {
  return new ModelNotFoundError({ model, baseURL, serverMessage: `no file at ${path}`, hint: modelNotFoundHint(model) });
}

/** A model named by `hf:` or a URL could not be fetched: reported as a missing model, the download error as the reason. */
export function modelNotDownloaded(error: ModelDownloadError, baseURL: string): ModelNotFoundError {
  return new ModelNotFoundError({
    model: error.spec,
    baseURL,
    serverMessage: error.message,
    hint: `Download it on a machine with network access into ${error.directory}, or pass a local path.`,
  });
}

/** An InvalidArgumentError in the transport's typed channel (it is one of core's TransportErrors, not retryable). */
export function asTransportError(error: InvalidArgumentError): TransportError {
  return error;
}

/** llama.cpp's native binary (or the model, or a context) failed to load: an ApiError with the reason. */
export function engineFailure(baseURL: string, what: string, reason: unknown, hint?: string): ApiError {
  const text = reason instanceof Error ? reason.message : String(reason);
  return new ApiError({ status: 500, baseURL, serverMessage: `${what}: ${text}`, retryable: false, retryAfterMs: undefined, hint });
}

/** Why a signal fired, as the typed error a caller expects. */
export function abortError(
  signals: { readonly caller?: AbortSignal | undefined; readonly deadline?: AbortSignal | undefined },
  timeoutMs: number | undefined,
  baseURL: string,
): TransportError {
  if (signals.deadline?.aborted && !signals.caller?.aborted) return new TimeoutError({ scope: "attempt", timeoutMs: timeoutMs ?? 0, baseURL });
  const reason = signals.caller?.reason;
  if (RequestAbortedError.isInstance(reason)) return reason;
  return new RequestAbortedError({ reason: reason instanceof Error && reason.message ? reason.message : "the AbortSignal fired" });
}

function isTaggedTransportError(value: unknown): value is TransportError | InvalidArgumentError {
  const tag = typeof value === "object" && value !== null ? (value as { _tag?: unknown })._tag : undefined;
  return ["ConnectionError", "ModelNotFoundError", "ApiError", "TimeoutError", "RequestAbortedError", "InvalidArgumentError"].includes(String(tag));
}

/** Any failure of the engine as a typed transport error: typed ones pass through, the rest become an ApiError. */
export function toTransportError(error: unknown, baseURL: string): TransportError {
  if (isTaggedTransportError(error)) return InvalidArgumentError.isInstance(error) ? asTransportError(error) : error;
  if (ModelDownloadError.isInstance(error)) return modelNotDownloaded(error, baseURL);
  return engineFailure(baseURL, "generation failed", error);
}

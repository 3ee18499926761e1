import type { TransportError } from "@cortex-ml/core";
import { abortError, toTransportError } from "../errors/engine-errors.js";

/** The signals of one request: the caller's, Effect's interruption, the deadline, and all of them combined. */
export interface RequestSignals {
  readonly signal: AbortSignal;
  readonly caller: AbortSignal | undefined;
  readonly deadline: AbortSignal | undefined;
  /** The failure of this request as a typed error: the abort's cause when a signal fired, else the error mapped. */
  readonly failure: (error: unknown) => TransportError;
}

/** Combines a request's signals; `timeoutMs` becomes a deadline signal (TimeoutError when it fires first). */
export function requestSignals(
  options: { readonly signal?: AbortSignal | undefined; readonly timeoutMs?: number | undefined },
  baseURL: string,
  interruption?: AbortSignal,
): RequestSignals {
  const deadline = options.timeoutMs === undefined ? undefined : AbortSignal.timeout(options.timeoutMs);
  const all = [interruption, options.signal, deadline].filter((signal): signal is AbortSignal => signal !== undefined);
  const signal = all.length === 1 && all[0] ? all[0] : AbortSignal.any(all);
  return {
    signal,
    caller: options.signal,
    deadline,
    failure: (error) => {
      const tag = (error as { _tag?: unknown } | null)?._tag;
      if (signal.aborted && tag !== "RequestAbortedError") return abortError({ caller: options.signal ?? interruption, deadline }, options.timeoutMs, baseURL);
      return toTransportError(error, baseURL);
    },
  };
}

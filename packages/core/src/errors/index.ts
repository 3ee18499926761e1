import type { UnsupportedSchemaError } from "@cortex-ml/schemas";
import type { ApiError } from "./api-error.js";
import type { BudgetExceededError } from "./budget-exceeded-error.js";
import type { CassetteFileError } from "./cassette-file-error.js";
import type { CassetteMissError } from "./cassette-miss-error.js";
import type { ConnectionError } from "./connection-error.js";
import type { InvalidArgumentError } from "./invalid-argument-error.js";
import type { LengthLimitError } from "./length-limit-error.js";
import type { ModelNotFoundError } from "./model-not-found-error.js";
import type { ProviderConfigError } from "./provider-config-error.js";
import type { RefusalError } from "./refusal-error.js";
import type { RequestAbortedError } from "./request-aborted-error.js";
import type { ResponseTooLargeError } from "./response-too-large-error.js";
import type { RetriesExhaustedError } from "./retries-exhausted-error.js";
import type { TimeoutError } from "./timeout-error.js";

export { ApiError, isRetryableStatus } from "./api-error.js";
export { type AttemptEstimate, BudgetExceededError } from "./budget-exceeded-error.js";
export { CortexError, type CortexErrorConstructor } from "./cortex-error.js";
export { CassetteFileError } from "./cassette-file-error.js";
export { CassetteMissError } from "./cassette-miss-error.js";
export { ConnectionError } from "./connection-error.js";
export { InvalidArgumentError } from "./invalid-argument-error.js";
export { LengthLimitError } from "./length-limit-error.js";
export { ModelNotFoundError } from "./model-not-found-error.js";
export { ProviderConfigError } from "./provider-config-error.js";
export { RefusalError } from "./refusal-error.js";
export { RequestAbortedError } from "./request-aborted-error.js";
export { ResponseTooLargeError } from "./response-too-large-error.js";
export { RetriesExhaustedError } from "./retries-exhausted-error.js";
export { TimeoutError } from "./timeout-error.js";

/**
 * Failures of one request, after transport retries (an engine in-process can
 * also reject the request itself; a cassette can have no answer for it).
 */
export type TransportError =
  | ConnectionError
  | ModelNotFoundError
  | ApiError
  | TimeoutError
  | RequestAbortedError
  | ResponseTooLargeError
  | InvalidArgumentError
  | CassetteMissError
  | CassetteFileError;

/** Every typed failure of a structured call. */
export type StructuredChatError =
  | TransportError
  | RetriesExhaustedError
  | LengthLimitError
  | RefusalError
  | BudgetExceededError
  | InvalidArgumentError
  | ProviderConfigError
  | UnsupportedSchemaError;

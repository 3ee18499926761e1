import { ApiError, ConnectionError, InvalidArgumentError, ModelNotFoundError, ProviderConfigError, RequestAbortedError } from "@cortex-ml/core";
import { UnsupportedSchemaError } from "@cortex-ml/schemas";

/**
 * True for a failure that says nothing about the model's answers and would
 * fail every record the same way: the endpoint unreachable, the model not
 * on the server, a wrong setup or argument, a rejected API key (HTTP 401 or
 * 403), the run cancelled. Such an error stops the eval; any other (no valid
 * answer after the re-asks, a refusal, a cut-off answer, a timeout, a server
 * error) is a result of that record and is counted.
 */
export function isFatalEvalError(error: unknown): boolean {
  return (
    ConnectionError.isInstance(error) ||
    ModelNotFoundError.isInstance(error) ||
    ProviderConfigError.isInstance(error) ||
    InvalidArgumentError.isInstance(error) ||
    RequestAbortedError.isInstance(error) ||
    UnsupportedSchemaError.isInstance(error) ||
    (ApiError.isInstance(error) && (error.status === 401 || error.status === 403))
  );
}

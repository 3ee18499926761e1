import type { AttemptRecord } from "./attempt.js";
import { redact } from "./redact.js";

/** Where cortex-ml writes what it notices: `console` fits, and so do pino, winston and most loggers. */
export interface Logger {
  readonly debug?: (message: string, details?: Record<string, unknown>) => void;
  readonly info?: (message: string, details?: Record<string, unknown>) => void;
  readonly warn?: (message: string, details?: Record<string, unknown>) => void;
  readonly error?: (message: string, details?: Record<string, unknown>) => void;
}

/**
 * Logs a rejected answer at warn level: each issue with its field path and
 * the JSON Schema fragment of the failing field, so you see at once which
 * part of the schema the model missed. Secrets are redacted.
 */
export function logRejectedAnswer(
  logger: Logger | undefined,
  rejected: AttemptRecord,
  context: { readonly model: string; readonly maxAttempts: number; readonly secrets: readonly string[] },
): void {
  if (!logger?.warn) return;
  const where = `model "${context.model}", attempt ${rejected.attempt}/${context.maxAttempts}`;
  if (rejected.failure !== "validation") {
    logger.warn(redact(`cortex-ml: answer rejected (${where}): ${rejected.failure === "parse" ? `not JSON: ${rejected.parseError}` : "empty"}`, context.secrets), {
      attempt: rejected.attempt,
      rawOutput: redact((rejected.rawOutput ?? "").slice(0, 2_000), context.secrets),
    });
    return;
  }
  const lines = rejected.issues.map(
    (issue) => `  ${issue.path}: ${issue.message}${issue.schemaFragment ? `\n    schema: ${JSON.stringify(issue.schemaFragment)}` : ""}`,
  );
  logger.warn(redact(`cortex-ml: answer failed validation (${where}):\n${lines.join("\n")}`, context.secrets), {
    attempt: rejected.attempt,
    issues: rejected.issues.map((issue) => ({ path: issue.path, message: issue.message, schema: issue.schemaFragment })),
  });
}

import type { RecordFailure } from "./provider-batch-types.js";

/** A record's error as stored: its name, message and last raw output. */
export function recordFailureOf(error: unknown): RecordFailure {
  if (!(error instanceof Error)) return { name: "Error", message: String(error) };
  const withOutput = error as Error & { rawOutput?: unknown; attempts?: readonly { rawOutput?: unknown }[] };
  const rawOutput = typeof withOutput.rawOutput === "string" ? withOutput.rawOutput : withOutput.attempts?.[withOutput.attempts.length - 1]?.rawOutput;
  return { name: error.name, message: error.message, ...(typeof rawOutput === "string" ? { rawOutput } : {}) };
}

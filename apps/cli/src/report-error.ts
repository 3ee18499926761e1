import { ConnectionError, ModelNotFoundError, TimeoutError } from "@cortex-ml/core";
import type { CliIO } from "./cli-io.js";
import { ExitCode } from "./exit-codes.js";

/** The exit code for an error thrown by a command. */
export function exitCodeFor(error: unknown): number {
  if (ConnectionError.isInstance(error) || TimeoutError.isInstance(error)) return ExitCode.unreachable;
  if (ModelNotFoundError.isInstance(error)) return ExitCode.modelNotFound;
  return ExitCode.failed;
}

/**
 * Writes a failure as one clear line on stderr (`--json`: one JSON object),
 * with the stack only under `--verbose`. Returns the exit code.
 */
export function reportError(io: CliIO, error: unknown, options: { json: boolean; verbose: boolean }): number {
  const name = error instanceof Error ? error.name : "Error";
  const message = error instanceof Error ? error.message : String(error);
  const code = exitCodeFor(error);
  if (options.json) {
    io.stderr.write(`${JSON.stringify({ error: { name, message, exitCode: code } })}\n`);
  } else {
    io.stderr.write(`cortex-ml: ${name}: ${message.split("\n").join(" ")}\n`);
    if (options.verbose && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  }
  return code;
}

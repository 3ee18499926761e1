import { ConnectionError, ModelNotFoundError, TimeoutError } from "@cortex-ml/core";
import { isCortexError } from "@cortex-ml/schemas";
import type { CliIO } from "./cli-io.js";
import { messageInCliWords } from "./cli-wording.js";
import { ExitCode } from "./exit-codes.js";
import { InterruptedError } from "./interrupted-error.js";

/** The exit code for an error thrown by a command. */
export function exitCodeFor(error: unknown): number {
  if (ConnectionError.isInstance(error) || TimeoutError.isInstance(error)) return ExitCode.unreachable;
  // The job queue's Redis (checked by tag: importing @cortex-ml/batch here would load its Redis client for every command).
  if (isCortexError(error, "QueueUnreachableError")) return ExitCode.unreachable;
  if (ModelNotFoundError.isInstance(error)) return ExitCode.modelNotFound;
  if (error instanceof InterruptedError) return ExitCode.interrupted;
  return ExitCode.failed;
}

/**
 * Writes a failure as one clear line on stderr (`--json`: one JSON object),
 * in the CLI's words, with the stack only under `--verbose`. Returns the exit code.
 */
export function reportError(io: CliIO, error: unknown, options: { json: boolean; verbose: boolean }): number {
  const name = error instanceof Error ? error.name : "Error";
  const message = messageInCliWords(error);
  const code = exitCodeFor(error);
  if (options.json) {
    io.stderr.write(`${JSON.stringify({ error: { name, message, exitCode: code } })}\n`);
  } else {
    io.stderr.write(`cortex-ml: ${name}: ${message.split("\n").join(" ")}\n`);
    if (options.verbose && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  }
  return code;
}

/**
 * Writes a usage error of `cortex-ml <command>` as one line that points to
 * its `--help` (`--json`: one JSON object, like every other error). Returns exit code 2.
 */
export function reportUsageError(io: CliIO, command: string | undefined, message: string, options: { json: boolean }): number {
  const prefix = command === undefined ? "cortex-ml" : `cortex-ml ${command}`;
  if (options.json) {
    io.stderr.write(`${JSON.stringify({ error: { name: "UsageError", message, exitCode: ExitCode.usage } })}\n`);
  } else {
    io.stderr.write(`${prefix}: ${message.split("\n").join(" ")}. See ${prefix} --help.\n`);
  }
  return ExitCode.usage;
}

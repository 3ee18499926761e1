import { UsageError } from "./usage-error.js";

function isParseArgsError(error: unknown): error is TypeError & { code: string } {
  return error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS");
}

/**
 * An error of `node:util` `parseArgs` as a one-line usage error that names
 * the flag (`unknown option --bogus`, `--schema needs a value`); undefined
 * for any other error.
 */
export function usageErrorFromParseArgs(error: unknown): UsageError | undefined {
  if (!isParseArgsError(error)) return undefined;
  const firstLine = error.message.split("\n")[0] ?? "";
  const quoted = /'([^']*)'/.exec(firstLine)?.[1] ?? "";
  const flag = /--[\w-]+/.exec(quoted)?.[0] ?? quoted;
  if (error.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return new UsageError(`unknown option ${quoted}`);
  if (error.code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") return new UsageError(`unexpected argument "${quoted}"`);
  if (firstLine.includes("argument missing")) return new UsageError(`${flag} needs a value`);
  if (firstLine.includes("ambiguous")) return new UsageError(`${flag} needs a value (for one that starts with "-", write ${flag}=VALUE)`);
  if (firstLine.includes("does not take an argument")) return new UsageError(`${flag} takes no value`);
  return new UsageError(firstLine.replace(/\.$/, ""));
}

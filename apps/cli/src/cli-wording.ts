import { InvalidArgumentError, ProviderConfigError } from "@cortex-ml/core";
import { UsageError } from "./usage-error.js";

/** The flag that sets each library option the CLI passes on. */
const flagOfOption: Readonly<Record<string, string>> = {
  apiKey: "--api-key",
  baseURL: "--base-url",
  maxRetries: "--max-retries",
  mode: "--mode",
  model: "--model",
  modelPath: "--model",
  responseModel: "--schema",
  seed: "--seed",
  temperature: "--temperature",
  timeout: "--timeout",
};

/** Library phrases (calls, option objects) and what the CLI says instead. */
const cliPhrases: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bfromProvider\("([^"]*)"\)/g, "--model $1"],
  [/\b([Pp])ass \{ apiKey \}/g, "$1ass --api-key KEY"],
  [/`apiKey`/g, "--api-key"],
  [/,? or listModels\(client\)/g, ""],
  [/ See `attempts` for every raw output\./g, ""],
  [/\(maxRetries (\d+)\)/g, "(--max-retries $1)"],
  [/Raise `max_tokens`, shorten the input, or bound string fields with v\.maxLength\./g, "Shorten the input, or bound the schema's string fields (maxLength)."],
];

/** A library text (a message, a hint) in the CLI's words: `--model local/x.gguf` for `fromProvider("local/x.gguf")`. */
export function textInCliWords(text: string): string {
  return cliPhrases.reduce((result, [pattern, replacement]) => result.replace(pattern, replacement), text);
}

/** The message of an error in the CLI's words: flags instead of library options and calls. */
export function messageInCliWords(error: unknown): string {
  if (InvalidArgumentError.isInstance(error) && error.argument in flagOfOption) return `${flagOfOption[error.argument]}: ${error.problem}`;
  return textInCliWords(error instanceof Error ? error.message : String(error));
}

/**
 * A library error that the command line itself caused (a wrong flag value, a
 * missing API key) as a usage error in the CLI's words; undefined for others.
 */
export function usageErrorFromLibrary(error: unknown): UsageError | undefined {
  const fixedByFlag = (InvalidArgumentError.isInstance(error) && error.argument in flagOfOption) || ProviderConfigError.isInstance(error);
  return fixedByFlag ? new UsageError(messageInCliWords(error).replace(/\.$/, "")) : undefined;
}

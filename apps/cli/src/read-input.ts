import { readTextFile } from "./read-text-file.js";
import { UsageError } from "./usage-error.js";

/** Reads all of stdin as text. */
export async function readStdin(stream: NodeJS.ReadableStream = process.stdin): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(parts).toString("utf8");
}

/** The text to extract from: the argument, else `--file`, else stdin (when it is not a terminal). */
export async function readInputText(argument: string | undefined, file: string | undefined, stdin: NodeJS.ReadStream = process.stdin): Promise<string> {
  if (argument !== undefined && file !== undefined) throw new UsageError("give the text as an argument or with --file, not both");
  if (argument !== undefined) return argument;
  if (file !== undefined) return readTextFile(file, `--file ${file}`);
  if (stdin.isTTY) throw new UsageError('no text: give it as an argument (cortex-ml extract "John is 25"), with --file, or on stdin');
  return readStdin(stdin);
}

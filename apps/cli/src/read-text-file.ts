import { readFileSync } from "node:fs";
import { UsageError } from "./usage-error.js";

/** Why a file could not be read, in words: `the file does not exist (/abs/path)`. */
function fileProblem(error: unknown, path: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return `the file does not exist (${path})`;
  if (code === "EISDIR") return `${path} is a folder, not a file`;
  if (code === "EACCES" || code === "EPERM") return `no permission to read ${path}`;
  return `cannot read ${path} (${code ?? (error as Error).message})`;
}

/**
 * Reads a text file, or fails with a usage error that says why after
 * `label`, the flag or argument that named it (`--schema person.json: the
 * file does not exist (/home/ann/person.json)`).
 */
export function readTextFile(path: string, label: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new UsageError(`${label}: ${fileProblem(error, path)}`);
  }
}

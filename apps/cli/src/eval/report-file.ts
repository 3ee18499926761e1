import { accessSync, constants, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { UsageError } from "../usage-error.js";

/**
 * Fails with a usage error, before any work, when `path` cannot be written:
 * its folder is missing or read-only, or it is a folder or a read-only file.
 * `label` is the flag that named it (`--html report.html`).
 */
export function checkWritable(path: string, label: string): void {
  const folder = dirname(path);
  try {
    if (!statSync(folder).isDirectory()) throw new UsageError(`${label}: ${folder} is not a folder`);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${label}: the folder ${folder} does not exist`);
  }
  try {
    const existing = statSync(path, { throwIfNoEntry: false });
    if (existing?.isDirectory()) throw new UsageError(`${label}: ${path} is a folder, not a file`);
    accessSync(existing === undefined ? folder : path, constants.W_OK);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${label}: no permission to write ${path}`);
  }
}

/** Writes a report file whole, or fails naming it. */
export function writeReportFile(path: string, content: string, label: string): void {
  try {
    writeFileSync(path, content);
  } catch (error) {
    throw new Error(`${label}: cannot write ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

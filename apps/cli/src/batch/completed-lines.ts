import { existsSync, readFileSync, truncateSync } from "node:fs";

/** What an earlier run left in the output file. */
export interface CompletedLines {
  /** Input line numbers whose last record in the output is ok: these are skipped. */
  readonly succeeded: ReadonlySet<number>;
  /** Bytes of an unfinished last line that were cut off (0 when the file ended cleanly). */
  readonly truncatedBytes: number;
  /** Complete output lines that are not records of ours; they are left in place and ignored. */
  readonly unreadableLines: number;
}

function lineNumberAndStatus(text: string): { line: number; ok: boolean } | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value !== "object" || value === null) return undefined;
    const { line, ok } = value as { line?: unknown; ok?: unknown };
    if (typeof line !== "number" || !Number.isInteger(line) || typeof ok !== "boolean") return undefined;
    return { line, ok };
  } catch {
    return undefined;
  }
}

/**
 * Reads an existing output file to resume a batch. When a line number
 * appears more than once, the last record wins. An unfinished last line
 * (no newline: a run killed mid-write) is truncated away so appends start
 * on a fresh line.
 */
export function readCompletedLines(path: string): CompletedLines {
  if (!existsSync(path)) return { succeeded: new Set(), truncatedBytes: 0, unreadableLines: 0 };
  const bytes = readFileSync(path);
  const end = bytes.lastIndexOf(0x0a) + 1;
  const truncatedBytes = bytes.length - end;
  if (truncatedBytes > 0) truncateSync(path, end);
  const lastStatus = new Map<number, boolean>();
  let unreadableLines = 0;
  for (const text of bytes.subarray(0, end).toString("utf8").split("\n")) {
    if (text.trim() === "") continue;
    const record = lineNumberAndStatus(text);
    if (record === undefined) {
      unreadableLines += 1;
    } else {
      lastStatus.set(record.line, record.ok);
    }
  }
  const succeeded = new Set([...lastStatus].filter(([, ok]) => ok).map(([line]) => line));
  return { succeeded, truncatedBytes, unreadableLines };
}

/** The JSON values of a JSONL text, one per non-blank line; lines that are not JSON are reported to `onBadLine`. */
export function parseJsonLines(text: string, onBadLine: (line: string, error: Error) => void): unknown[] {
  const values: unknown[] = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    try {
      values.push(JSON.parse(line));
    } catch (error) {
      onBadLine(line, error as Error);
    }
  }
  return values;
}

/** Values as JSONL: one JSON document per line, newline-terminated. */
export function toJsonLines(values: readonly unknown[]): string {
  return values.map((value) => `${JSON.stringify(value)}\n`).join("");
}

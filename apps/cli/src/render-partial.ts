/** The terminal a partial object is drawn on. */
export interface PartialOutput {
  write(text: string): unknown;
  readonly columns?: number;
  readonly rows?: number;
}

/** A terminal size, or the fallback when it is unknown (a pseudo-terminal may report 0). */
function sizeOr(value: number | undefined, fallback: number): number {
  return value !== undefined && value > 0 ? value : fallback;
}

/**
 * Draws a partial object live on a terminal: each update replaces the
 * previous drawing (cursor up + clear), so the object grows in place. A
 * drawing taller than the window shows only its last lines under a
 * "… N more lines above" line: rows that scroll off the top cannot be
 * erased, and would be left in the scrollback as stale copies.
 */
export class PartialRenderer {
  private lines = 0;

  constructor(private readonly output: PartialOutput) {}

  /** Replaces what was drawn with `value` as indented JSON. */
  draw(value: unknown): void {
    const width = Math.max(20, sizeOr(this.output.columns, 80) - 1);
    // One row stays free for the cursor after the last line.
    const height = Math.max(1, sizeOr(this.output.rows, 24) - 1);
    const text = JSON.stringify(value, null, 2) ?? "";
    const rows = text.split("\n").flatMap((line) => (line.length <= width ? [line] : line.match(new RegExp(`.{1,${width}}`, "g")) ?? [line]));
    const shown = rows.length <= height ? rows : [`… ${rows.length - height + 1} more lines above`, ...rows.slice(rows.length - height + 1)];
    let frame = "";
    if (this.lines > 0) frame += `\u001b[${this.lines}F\u001b[0J`;
    frame += `${shown.join("\n")}\n`;
    this.output.write(frame);
    this.lines = shown.length;
  }

  /** Clears the drawing (before the final output). */
  clear(): void {
    if (this.lines > 0) this.output.write(`\u001b[${this.lines}F\u001b[0J`);
    this.lines = 0;
  }
}

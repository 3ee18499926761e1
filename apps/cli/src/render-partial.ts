/**
 * Draws a partial object live on a terminal: each update replaces the
 * previous drawing (cursor up + clear), so the object grows in place.
 */
export class PartialRenderer {
  private lines = 0;

  constructor(private readonly output: { write(text: string): unknown; columns?: number }) {}

  /** Replaces what was drawn with `value` as indented JSON. */
  draw(value: unknown): void {
    const width = Math.max(20, (this.output.columns ?? 80) - 1);
    const text = JSON.stringify(value, null, 2) ?? "";
    const rows = text.split("\n").flatMap((line) => (line.length <= width ? [line] : line.match(new RegExp(`.{1,${width}}`, "g")) ?? [line]));
    let frame = "";
    if (this.lines > 0) frame += `\u001b[${this.lines}F\u001b[0J`;
    frame += `${rows.join("\n")}\n`;
    this.output.write(frame);
    this.lines = rows.length;
  }

  /** Clears the drawing (before the final output). */
  clear(): void {
    if (this.lines > 0) this.output.write(`\u001b[${this.lines}F\u001b[0J`);
    this.lines = 0;
  }
}

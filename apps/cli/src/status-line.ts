/** Where a status line is drawn: stderr. */
export interface StatusOutput {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/**
 * One line redrawn in place (`\r`) on a terminal, refreshed every
 * `redrawIntervalMs` (and on each `draw()`) so what it shows stays current:
 * a progress bar, a spinner. Draws nothing when the output is not a terminal.
 */
export class StatusLine {
  private timer: NodeJS.Timeout | undefined;
  private drawn = false;

  constructor(
    private readonly output: StatusOutput,
    private readonly frame: () => string,
    private readonly redrawIntervalMs: number,
  ) {}

  /** True when frames are drawn (the output is a terminal). */
  get enabled(): boolean {
    return this.output.isTTY === true;
  }

  /** Draws the first frame and starts the refresh timer. */
  start(): void {
    if (!this.enabled) return;
    this.draw();
    this.timer = setInterval(() => this.draw(), this.redrawIntervalMs);
    this.timer.unref();
  }

  /** Replaces the drawn frame with the current one. */
  draw(): void {
    if (!this.enabled) return;
    // A pseudo-terminal may report 0 columns: fall back to 80.
    const columns = this.output.columns !== undefined && this.output.columns > 0 ? this.output.columns : 80;
    const width = Math.max(20, columns - 1);
    this.output.write(`\r${this.frame().slice(0, width)}\u001b[K`);
    this.drawn = true;
  }

  /** Stops refreshing and erases the frame, leaving the cursor at the start of an empty line. */
  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    if (this.drawn) this.output.write("\r\u001b[K");
    this.drawn = false;
  }
}

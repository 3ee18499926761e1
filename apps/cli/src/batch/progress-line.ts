import type { BatchCounts } from "./batch-counts.js";
import { formatProgress } from "./format-progress.js";

const redrawIntervalMs = 500;

/** Where the progress line is drawn: stderr. */
export interface ProgressOutput {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/**
 * A progress bar redrawn in place (`\r`) on a terminal, refreshed on every
 * record and twice a second so the rate and ETA stay current. Draws nothing
 * when the output is not a terminal.
 */
export class ProgressLine {
  private timer: NodeJS.Timeout | undefined;
  private drawn = false;

  constructor(
    private readonly output: ProgressOutput,
    private readonly counts: () => BatchCounts,
    private readonly startedAt: number,
  ) {}

  /** True when frames are drawn (the output is a terminal). */
  get enabled(): boolean {
    return this.output.isTTY === true;
  }

  /** Draws the first frame and starts the refresh timer. */
  start(): void {
    if (!this.enabled) return;
    this.draw();
    this.timer = setInterval(() => this.draw(), redrawIntervalMs);
    this.timer.unref();
  }

  /** Replaces the drawn frame with the current counts. */
  draw(): void {
    if (!this.enabled) return;
    // A pseudo-terminal may report 0 columns: fall back to 80.
    const columns = this.output.columns !== undefined && this.output.columns > 0 ? this.output.columns : 80;
    const width = Math.max(20, columns - 1);
    const frame = formatProgress(this.counts(), (Date.now() - this.startedAt) / 1000).slice(0, width);
    this.output.write(`\r${frame}\u001b[K`);
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

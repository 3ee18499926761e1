import { type StatusOutput, StatusLine } from "../status-line.js";
import type { BatchCounts } from "./batch-counts.js";
import { formatProgress } from "./format-progress.js";
import type { InputRecord, ParsedInputLine } from "@cortex-ml/batch/records";
import type { OutputFile } from "./output-file.js";
import { failedRecord, succeededRecord } from "./output-record.js";
import { runWorkerPool } from "./run-worker-pool.js";

/** How often the progress bar is redrawn, so the rate and ETA stay current between records. */
const progressRedrawMs = 500;

/** What a batch run needs. */
export interface RunBatchOptions {
  /** Every non-blank input line, parsed. */
  readonly lines: readonly ParsedInputLine[];
  /** Line numbers already ok in the output: not run again. */
  readonly alreadySucceeded: ReadonlySet<number>;
  readonly output: OutputFile;
  /** One extraction; must pass `signal` on to the call. */
  readonly extract: (record: InputRecord, signal: AbortSignal) => Promise<unknown>;
  readonly concurrency: number;
  /** Aborted on Ctrl-C: no new records, in-flight calls cancelled. */
  readonly interrupt: AbortSignal;
  /** Where the progress bar is drawn (only when it is a terminal). */
  readonly progressOutput: StatusOutput;
  readonly startedAt: number;
}

/** How a batch run ended. */
export interface BatchOutcome extends BatchCounts {
  readonly interrupted: boolean;
}

/**
 * Runs every record not already done through `extract` with a bounded pool,
 * appending one output record per input line as each completes (invalid
 * lines first, as failed records). After an interrupt, records whose call was
 * cancelled are not written, so a rerun does them again.
 */
export async function runBatch(options: RunBatchOptions): Promise<BatchOutcome> {
  const { lines, alreadySucceeded, output, interrupt } = options;
  const pending = lines.filter((parsed) => !alreadySucceeded.has(parsed.ok ? parsed.record.line : parsed.invalid.line));
  let succeeded = 0;
  let failed = 0;
  const counts = (): BatchCounts => ({ total: lines.length, skipped: lines.length - pending.length, succeeded, failed });
  const progress = new StatusLine(options.progressOutput, () => formatProgress(counts(), (Date.now() - options.startedAt) / 1000), progressRedrawMs);
  progress.start();
  const records: InputRecord[] = [];
  for (const parsed of pending) {
    if (parsed.ok) {
      records.push(parsed.record);
    } else {
      output.write(failedRecord(parsed.invalid.line, parsed.invalid.id, parsed.invalid.error));
      failed += 1;
    }
  }
  if (failed > 0) progress.draw();
  const work = async (record: InputRecord): Promise<void> => {
    try {
      const data = await options.extract(record, interrupt);
      output.write(succeededRecord(record.line, record.id, data));
      succeeded += 1;
    } catch (error) {
      // A failure after Ctrl-C is most likely the cancellation itself: leave the record for the rerun.
      if (interrupt.aborted) return;
      output.write(failedRecord(record.line, record.id, error));
      failed += 1;
    }
    progress.draw();
  };
  try {
    await runWorkerPool(records, options.concurrency, work, () => interrupt.aborted);
  } finally {
    progress.stop();
  }
  return { ...counts(), interrupted: interrupt.aborted };
}

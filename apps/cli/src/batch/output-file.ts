import { closeSync, openSync, writeSync } from "node:fs";
import { formatOutputRecord, type OutputRecord } from "./output-record.js";

/** The output file, open for appending whole records. */
export class OutputFile {
  private readonly descriptor: number;

  /** Opens (or creates) the file at `path` for appending. */
  constructor(path: string) {
    this.descriptor = openSync(path, "a");
  }

  /**
   * Appends the record as one complete line with a single synchronous
   * write, so a kill between two records never leaves half a line.
   */
  write(record: OutputRecord): void {
    const bytes = Buffer.from(formatOutputRecord(record), "utf8");
    let written = writeSync(this.descriptor, bytes);
    // A regular file takes the whole line at once; this only guards against a short write (disk full).
    while (written < bytes.length) written += writeSync(this.descriptor, bytes, written);
  }

  /** Closes the file. */
  close(): void {
    closeSync(this.descriptor);
  }
}

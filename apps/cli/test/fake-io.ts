import { Readable } from "node:stream";
import type { CliIO } from "../src/cli-io.js";

/** A terminal (or a pipe) as a command sees it: what it was sent, and its size. */
export interface FakeOutput {
  write(text: string): boolean;
  readonly isTTY: boolean;
  readonly columns: number | undefined;
  readonly rows: number | undefined;
  /** Every write, in order. */
  readonly writes: string[];
  /** All that was written. */
  text(): string;
}

/** An output that records what is written; a terminal of `rows` x `columns` when `isTTY`. */
export function fakeOutput(terminal: { isTTY?: boolean; rows?: number; columns?: number } = {}): FakeOutput {
  const writes: string[] = [];
  return {
    write(text: string) {
      writes.push(text);
      return true;
    },
    isTTY: terminal.isTTY ?? false,
    columns: terminal.columns,
    rows: terminal.rows,
    writes,
    text: () => writes.join(""),
  };
}

/** The streams of one in-process run of `main`, recorded. */
export interface FakeIO extends CliIO {
  readonly stdout: FakeOutput;
  readonly stderr: FakeOutput;
}

/** A CliIO for running `main` in the test process: piped output (or the terminal given), stdin from `input`. */
export function fakeIO(
  options: { environment?: Record<string, string | undefined>; cwd?: string; input?: string; stdout?: FakeOutput; stderr?: FakeOutput } = {},
): FakeIO {
  return {
    stdout: options.stdout ?? fakeOutput(),
    stderr: options.stderr ?? fakeOutput(),
    stdin: Readable.from([options.input ?? ""]) as unknown as NodeJS.ReadStream,
    environment: options.environment ?? {},
    cwd: options.cwd ?? process.cwd(),
  };
}

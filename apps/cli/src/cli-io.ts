/** Where a command writes, so tests can capture it without a subprocess. */
export interface CliIO {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly environment: Record<string, string | undefined>;
}

/** The real process streams and environment. */
export const processIO: CliIO = { stdout: process.stdout, stderr: process.stderr, environment: process.env };

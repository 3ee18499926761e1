/** Where a command reads and writes, so tests can drive it without a subprocess. */
export interface CliIO {
  readonly stdout: { write(text: string): unknown; readonly isTTY?: boolean; readonly columns?: number; readonly rows?: number };
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean; readonly columns?: number; readonly rows?: number };
  readonly stdin: NodeJS.ReadStream;
  readonly environment: Record<string, string | undefined>;
  readonly cwd: string;
}

/** The real process streams, environment and working directory. */
export const processIO: CliIO = {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  environment: process.env,
  cwd: process.cwd(),
};

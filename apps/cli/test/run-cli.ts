import { execFile, spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The built binary, as npm installs it. */
export const binary = join(dirname(fileURLToPath(import.meta.url)), "..", "dist", "bin.js");

/** What one run of the binary printed and returned. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built `cortex-ml` binary as a subprocess (stdin from `input`, or closed), bounded by a timeout. */
export function runCli(args: string[], environment: Record<string, string> = {}, input?: string): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [binary, ...args], { env: { ...process.env, ...environment }, timeout: 80_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
    });
    child.stdin?.end(input ?? "");
  });
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, "'\\''")}'`;
}

/** A run of the binary under a pseudo-terminal, still going. */
export interface TerminalRun {
  /** Everything the terminal showed so far. */
  output(): string;
  /** Types at the keyboard: "\u0003" is Ctrl-C. */
  type(text: string): void;
  /** Resolves to the exit code when the run ends. */
  readonly exited: Promise<number>;
}

/**
 * Starts the binary under a pseudo-terminal (util-linux `script`), as a
 * person at a terminal would, with the window size given (`stty`; default
 * what `script` makes of none, which a program reads as 0 x 0).
 */
export function startCliInTerminal(args: string[], environment: Record<string, string> = {}, window?: { rows: number; columns: number }): TerminalRun {
  const command = [process.execPath, binary, ...args].map(shellQuote).join(" ");
  const sized = window ? `stty rows ${window.rows} cols ${window.columns}; exec ${command}` : command;
  const child = spawn("script", ["-qfec", sized, "/dev/null"], { env: { ...process.env, ...environment, COLUMNS: "100" }, timeout: 80_000 });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number>((resolve) => child.on("close", (code) => resolve(code ?? 1)));
  return { output: () => output, type: (text) => child.stdin.write(text), exited };
}

/** Runs the binary under a pseudo-terminal to its end (see {@link startCliInTerminal}). */
export async function runCliInTerminal(args: string[], environment: Record<string, string> = {}): Promise<{ code: number; output: string }> {
  const run = startCliInTerminal(args, environment);
  const code = await run.exited;
  return { code, output: run.output() };
}

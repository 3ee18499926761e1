import { execFile } from "node:child_process";
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

/** Runs the built `cortex-ml` binary as a subprocess, bounded by a timeout. */
export function runCli(args: string[], environment: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [binary, ...args], { env: { ...process.env, ...environment }, timeout: 20_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

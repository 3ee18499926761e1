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
    const child = execFile(process.execPath, [binary, ...args], { env: { ...process.env, ...environment }, timeout: 20_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
    });
    child.stdin?.end(input ?? "");
  });
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, "'\\''")}'`;
}

/** Runs the binary under a pseudo-terminal (util-linux `script`), as a person at a terminal would. */
export function runCliInTerminal(args: string[], environment: Record<string, string> = {}): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const command = [process.execPath, binary, ...args].map(shellQuote).join(" ");
    const child = spawn("script", ["-qfec", command, "/dev/null"], { env: { ...process.env, ...environment, COLUMNS: "100" }, timeout: 20_000 });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";

/** The package folder. */
export const packageDir = dirname(dirname(fileURLToPath(import.meta.url)));

/** A child process of the bench. */
export interface BenchChild {
  readonly child: ChildProcess;
  /** Its peak resident memory so far (VmHWM), in MiB. */
  peakMemoryMiB(): number;
  /** Closes its stdin, SIGTERM (SIGKILL after 10 s), resolves once it exited. */
  stop(): Promise<void>;
}

/** Peak resident memory of a process (Linux /proc), in MiB; 0 when unknown. */
export function peakMemoryOf(pid: number | undefined): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kilobytes = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
    return kilobytes / 1024;
  } catch {
    return 0;
  }
}

/**
 * Starts `node --import tsx ARGS` (one process: its memory is the script's)
 * and resolves once its stdout matches `readyPattern`.
 */
export function startTsxChild(args: readonly string[], readyPattern: RegExp): Promise<BenchChild & { readonly firstLine: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", ...args], { stdio: ["pipe", "pipe", "pipe"], cwd: packageDir });
  let output = "";
  let errors = "";
  child.stderr?.on("data", (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.stdin?.end();
      child.kill("SIGTERM");
    }
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args[0]} did not start within 60 s: ${errors}`)), 60_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = readyPattern.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, firstLine: match[0], peakMemoryMiB: () => peakMemoryOf(child.pid), stop });
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`${args[0]} exited before it was ready: ${errors}`));
    });
  });
}

import { type ChildProcess, spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** A test server running in its own process. */
export interface ServerProcess {
  /** `http://127.0.0.1:PORT/v1` */
  readonly baseURL: string;
  /** Closes its stdin, sends SIGTERM (SIGKILL after `graceMs`) and resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
}

const packageDir = dirname(dirname(fileURLToPath(import.meta.url)));
const tsxBin = join(packageDir, "node_modules", ".bin", "tsx");
const serveScript = join(packageDir, "node_modules", "@cortex-ml", "test-server", "src", "serve.ts");

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/**
 * Starts `@cortex-ml/test-server` as a child process answering every
 * completion with `content`, so its CPU time is not counted in this
 * process's `process.cpuUsage()`. Resolves once it printed its base URL.
 */
export function startServerProcess(content: string, startTimeoutMs = 30_000): Promise<ServerProcess> {
  return startChildServer([serveScript, "--content", content], startTimeoutMs);
}

/**
 * Starts a server script through tsx as a child process (`tsxArgs`: tsx's
 * flags, the script and its arguments). The script prints one JSON line with
 * its `baseURL` once it listens, and exits when its stdin closes or on
 * SIGTERM. Resolves once that line arrived.
 */
export function startChildServer(tsxArgs: readonly string[], startTimeoutMs = 30_000): Promise<ServerProcess> {
  const child = spawn(tsxBin, [...tsxArgs], { stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const stop = async (graceMs = 5_000): Promise<void> => {
    const done = exited(child);
    child.stdin?.end();
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    await done;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    let stdout = "";
    const fail = (reason: string) => {
      clearTimeout(timer);
      void stop(1_000);
      reject(new Error(`test server did not start: ${reason}${stderr ? `\n${stderr.trim()}` : ""}`));
    };
    const timer = setTimeout(() => fail(`no address after ${startTimeoutMs} ms`), startTimeoutMs);
    child.once("error", (error) => fail(error.message));
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => fail(`exited with ${signal ?? `code ${code}`}`);
    child.once("exit", onExit);
    child.stdout?.setEncoding("utf8").on("data", function onData(chunk: string) {
      stdout += chunk;
      const end = stdout.indexOf("\n");
      if (end === -1) return;
      child.stdout?.off("data", onData);
      child.stdout?.resume();
      child.off("exit", onExit);
      clearTimeout(timer);
      try {
        const { baseURL } = JSON.parse(stdout.slice(0, end)) as { baseURL?: unknown };
        if (typeof baseURL !== "string") throw new Error("no baseURL in its first line");
        resolve({ baseURL, stop });
      } catch (error) {
        fail(error instanceof Error ? error.message : String(error));
      }
    });
  });
}

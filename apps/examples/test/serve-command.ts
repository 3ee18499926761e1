import { spawn } from "node:child_process";
import { repositoryRoot } from "./run-example.js";

/** A server started by a shell command. */
export interface ServedCommand {
  /** The OpenAI-compatible root the server printed, e.g. `http://127.0.0.1:41234/v1`. */
  readonly baseURL: string;
  /** Stops the command's whole process group (bash, pnpm, tsx, node). */
  readonly stop: () => void;
}

/**
 * Runs a serve command line from the repository root, as README writes it,
 * and resolves once it prints `cortex-ml local server: <baseURL> ...`;
 * rejects with its output when it exits first or stays silent for `timeoutMs`.
 */
export function startServeCommand(command: string, environment: Record<string, string>, timeoutMs = 60_000): Promise<ServedCommand> {
  const { INIT_CWD: _inherited, ...inherited } = process.env;
  const child = spawn("bash", ["-c", command], { cwd: repositoryRoot, env: { ...inherited, ...environment }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const stop = () => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, "SIGTERM");
    } catch {
      // The group has ended already.
    }
  };
  let output = "";
  return new Promise((resolve, reject) => {
    const fail = (reason: string) => {
      clearTimeout(timer);
      stop();
      reject(new Error(`${reason}: ${command}\n${output}`));
    };
    const timer = setTimeout(() => fail(`no server line within ${timeoutMs} ms`), timeoutMs);
    // Both streams are read to the end, so the server never blocks on a full pipe.
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const baseURL = /cortex-ml local server: (http:\/\/\S+\/v1)/.exec(output)?.[1];
      if (baseURL === undefined) return;
      clearTimeout(timer);
      resolve({ baseURL, stop });
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once("exit", (code) => fail(`exited with ${code} before serving`));
  });
}

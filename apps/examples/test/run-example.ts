import { execFile } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const tsx = join(root, "node_modules", ".bin", "tsx");

/** The result of running one example as its own process. */
export interface ExampleRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `src/<path>` with tsx, as a user would, with the given environment; bounded by a timeout. */
export function runExample(path: string, environment: Record<string, string>, args: string[] = []): Promise<ExampleRun> {
  return new Promise((resolve) => {
    execFile(
      tsx,
      ["--conditions=@cortex-ml/source", join(root, "src", path), ...args],
      { cwd: root, env: { ...process.env, ...environment }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

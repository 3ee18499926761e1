import { execFile } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const tsx = join(root, "node_modules", ".bin", "tsx");

/** The repository's root directory, where README's commands are typed. */
export const repositoryRoot = join(root, "..", "..");

/** The result of running one example as its own process. */
export interface ExampleRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** How long one run may take before it is killed (a cold pnpm + tsx start on a busy 2-core machine takes several seconds). */
const runTimeoutMs = 60_000;

function run(file: string, args: readonly string[], cwd: string, environment: Record<string, string>): Promise<ExampleRun> {
  // An INIT_CWD inherited from the test runner's own `pnpm test` would stand for a directory the user never typed in.
  const { INIT_CWD: _inherited, ...inherited } = process.env;
  return new Promise((resolve) => {
    execFile(file, [...args], { cwd, env: { ...inherited, ...environment }, timeout: runTimeoutMs }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs `src/<path>` with tsx from apps/examples, as a user would, with the given environment; bounded by a timeout. */
export function runExample(path: string, environment: Record<string, string>, args: string[] = []): Promise<ExampleRun> {
  return run(tsx, ["--conditions=@cortex-ml/source", join(root, "src", path), ...args], root, environment);
}

/** Runs a shell command line exactly as README writes it, from `directory` (default: the repository root). */
export function runCommand(command: string, environment: Record<string, string>, directory: string = repositoryRoot): Promise<ExampleRun> {
  return run("bash", ["-c", command], directory, environment);
}

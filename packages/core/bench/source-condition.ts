import { spawn } from "node:child_process";

/** The export condition that points workspace packages at their TypeScript source. */
export const SOURCE_CONDITION = "@cortex-ml/source";

const RERUN_MARKER = "CORTEX_ML_BENCH_SOURCE_RERUN";

/** True when `@cortex-ml/schemas` resolves to its source files, i.e. the source condition is on. */
export function resolvesToSource(): boolean {
  try {
    return new URL(import.meta.resolve("@cortex-ml/schemas")).pathname.includes("/src/");
  } catch {
    return false;
  }
}

/**
 * Runs `script` again in a child Node with the same flags plus
 * `--conditions=@cortex-ml/source`, so a plain `tsx bench/overhead.ts`
 * measures the workspace source and needs no build. Resolves to the
 * child's exit code. Throws when already re-run, to avoid a loop.
 */
export function rerunWithSourceCondition(script: string, args: readonly string[]): Promise<number> {
  if (process.env[RERUN_MARKER] === "1") {
    throw new Error(`@cortex-ml/schemas does not resolve to its source even with --conditions=${SOURCE_CONDITION}.`);
  }
  const child = spawn(process.execPath, [...process.execArgv, `--conditions=${SOURCE_CONDITION}`, script, ...args], {
    stdio: "inherit",
    env: { ...process.env, [RERUN_MARKER]: "1" },
  });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      process.off("SIGINT", forward);
      process.off("SIGTERM", forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

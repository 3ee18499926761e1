import { resolve } from "node:path";

type Environment = Record<string, string | undefined>;

/**
 * The directory the user ran the command in. `npm run` and `pnpm` start a
 * script in its package's directory and name the one they were started in
 * as `INIT_CWD`; an example run directly (`tsx src/main-job.ts`) has only
 * its working directory.
 */
export function callerDirectory(environment: Environment = process.env): string {
  return environment.INIT_CWD?.trim() || process.cwd();
}

/**
 * A path the user gave (an environment variable, an argument) made absolute
 * from {@link callerDirectory}: `CORTEX_LOCAL_MODEL=../models/x.gguf npm run demo`
 * means `../models` next to where it was typed. `~` paths are left as they
 * are (the local provider expands them).
 */
export function resolveCallerPath(path: string, environment: Environment = process.env): string {
  if (/^~([/\\]|$)/.test(path)) return path;
  return resolve(callerDirectory(environment), path);
}

/** The environment variable `name` as a path from {@link resolveCallerPath}; `undefined` when unset or blank. */
export function callerPathVariable(name: string, environment: Environment = process.env): string | undefined {
  const value = environment[name]?.trim();
  return value ? resolveCallerPath(value, environment) : undefined;
}

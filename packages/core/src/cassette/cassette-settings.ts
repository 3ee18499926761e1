import { resolve } from "node:path";
import { InvalidArgumentError } from "../errors/index.js";

/**
 * What a cassette does with a client's HTTP exchanges: `record` sends every
 * request and writes the cassette anew; `replay` answers every request from
 * the cassette and never touches the network; `auto` replays what is
 * recorded and records what is missing.
 */
export type CassetteMode = "record" | "replay" | "auto";

/**
 * The `cassette` option of `createInstructor`. Each field left out comes from
 * the running `useCassette` suite, else from its environment variable (as it
 * was when the client was created).
 */
export interface CassetteOptions {
  /** The cassette file (JSON lines), relative to the working directory. Default: `CORTEX_CASSETTE`. */
  readonly path?: string;
  /** Default: `CORTEX_RECORD`, else `"replay"`. */
  readonly mode?: CassetteMode;
}

/** A cassette in use: an absolute path and a mode. */
export interface CassetteSettings {
  readonly path: string;
  readonly mode: CassetteMode;
}

const modes: readonly string[] = ["record", "replay", "auto"];

/** The mode named by `value`, or the error naming `argument` (an option or an environment variable). */
export function checkCassetteMode(value: unknown, argument: string): CassetteMode {
  if (typeof value === "string" && modes.includes(value)) return value as CassetteMode;
  throw new InvalidArgumentError({ argument, problem: `expected "record", "replay" or "auto", got ${JSON.stringify(value)}.` });
}

/** Checks the `cassette` option's shape at once (a wrong one fails `createInstructor`, not the first call). */
export function checkCassetteOptions(options: unknown): CassetteOptions | undefined {
  if (options === undefined) return undefined;
  if (typeof options !== "object" || options === null) {
    throw new InvalidArgumentError({ argument: "cassette", problem: `expected { path, mode } or false, got ${JSON.stringify(options)}.` });
  }
  const { path, mode } = options as { path?: unknown; mode?: unknown };
  if (path !== undefined && (typeof path !== "string" || path.trim() === "")) {
    throw new InvalidArgumentError({ argument: "cassette.path", problem: `expected a file path such as "test/cassettes/chat.jsonl", got ${JSON.stringify(path)}.` });
  }
  if (mode !== undefined) checkCassetteMode(mode, "cassette.mode");
  return options as CassetteOptions;
}

/**
 * What fills the fields a client's option leaves out: `useCassette`'s
 * cassette while a suite runs, else `CORTEX_CASSETTE` and `CORTEX_RECORD` as
 * they were when the client was created. `modeSource` names where the mode
 * came from, for the error when it is not a mode.
 */
export interface CassetteDefaults {
  readonly path: string | undefined;
  readonly mode: string | undefined;
  readonly modeSource: string;
}

/** `CORTEX_CASSETTE` and `CORTEX_RECORD` (blank counts as unset). */
export function environmentCassette(environment: Record<string, string | undefined> = process.env): CassetteDefaults {
  return {
    path: environment.CORTEX_CASSETTE?.trim() || undefined,
    mode: environment.CORTEX_RECORD?.trim() || undefined,
    modeSource: "CORTEX_RECORD",
  };
}

/**
 * The cassette a request goes through, or undefined for none: the option's
 * fields first, then the defaults. A mode without a path fails (naming
 * `CORTEX_CASSETTE`): a test run asked to replay must not reach the network
 * unnoticed.
 */
export function resolveCassetteSettings(options: CassetteOptions | undefined, defaults: CassetteDefaults): CassetteSettings | undefined {
  const path = options?.path ?? defaults.path;
  const mode = options?.mode ?? (defaults.mode === undefined ? undefined : checkCassetteMode(defaults.mode, defaults.modeSource));
  if (path === undefined) {
    if (mode === undefined) return undefined;
    throw new InvalidArgumentError({
      argument: "CORTEX_CASSETTE",
      problem: `CORTEX_RECORD=${mode} needs a cassette file: set CORTEX_CASSETTE=path/to/cassette.jsonl, pass createInstructor({ cassette: { path } }), or use useCassette() from @cortex-ml/core/testing.`,
    });
  }
  return { path: resolve(path), mode: mode ?? "replay" };
}

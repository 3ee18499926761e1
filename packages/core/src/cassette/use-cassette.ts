import { resolve } from "node:path";
import { ejectCassette } from "./cassette-registry.js";
import { type CassetteMode, type CassetteOptions, checkCassetteMode } from "./cassette-settings.js";
import { enterSuiteCassette } from "./suite-cassette.js";

/** The two hooks of a test runner that `useCassette` needs (Vitest's and Jest's `beforeAll` and `afterAll` fit). */
export interface CassetteHooks {
  beforeAll(hook: () => void): unknown;
  afterAll(hook: () => void): unknown;
}

/** Options of {@link useCassette}. */
export interface UseCassetteOptions {
  /** The folder of the cassette files. Default `__cassettes__` in the working directory (the project root under Vitest). */
  readonly dir?: string;
  /** Default: `CORTEX_RECORD`, else `"replay"` (a run never reaches the network unless asked to). Leave it out to let `CORTEX_RECORD` decide. */
  readonly mode?: CassetteMode;
}

/** The cassette of a suite. */
export interface CassetteHandle {
  /** The cassette file, absolute: `<dir>/<name>.jsonl`. */
  readonly path: string;
  readonly mode: CassetteMode;
  /** The same cassette as a client option: `createInstructor({ cassette: handle.options })`. */
  readonly options: CassetteOptions;
}

/**
 * Runs a test suite against recorded answers: from `beforeAll` to `afterAll`,
 * every HTTP client of cortex-ml in the process (the ones your code under
 * test creates included, whenever they were created) records to or replays
 * from `<dir>/<name>.jsonl`, unless its own `cassette` option says otherwise.
 * The environment is left alone; a suite nested in another takes over until
 * its `afterAll`. Answers are handed out in request order from the suite's
 * start. `afterAll` fails if a recording could not be written. Give each
 * test file its own name: test files run in separate workers.
 *
 * Record once with `CORTEX_RECORD=record vitest run`, commit the file, and
 * later runs replay it offline (a request that is not in it fails with
 * `CassetteMissError`); `CORTEX_RECORD=auto` records only what is missing.
 *
 * @example
 * import { afterAll, beforeAll } from "vitest";
 * import { useCassette } from "@cortex-ml/core/testing";
 * useCassette({ beforeAll, afterAll }, "extract-people");
 */
export function useCassette(hooks: CassetteHooks, name: string, options: UseCassetteOptions = {}): CassetteHandle {
  const file = name.endsWith(".jsonl") ? name : `${name}.jsonl`;
  const path = resolve(options.dir ?? "__cassettes__", file);
  const variable = process.env.CORTEX_RECORD?.trim();
  const mode = checkCassetteMode(options.mode ?? (variable || "replay"), options.mode === undefined && variable ? "CORTEX_RECORD" : "mode");
  let leave: (() => void) | undefined;
  hooks.beforeAll(() => {
    ejectCassette(path);
    leave = enterSuiteCassette({ path, mode });
  });
  hooks.afterAll(() => {
    leave?.();
    leave = undefined;
    ejectCassette(path);
  });
  return { path, mode, options: { path, mode } };
}

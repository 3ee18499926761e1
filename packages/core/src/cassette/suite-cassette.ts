import type { CassetteDefaults, CassetteSettings } from "./cassette-settings.js";

// On globalThis, so every copy of the package (the app's and the tests') sees the suite's cassette.
const slot = Symbol.for("@cortex-ml/core/suite-cassette");
const holder = globalThis as { [slot]?: CassetteDefaults | undefined };

/**
 * Makes `settings` the cassette every client uses where its option says
 * nothing (`useCassette`'s, for a suite); returns what puts back the one
 * before (an outer suite's, or none).
 */
export function enterSuiteCassette(settings: CassetteSettings): () => void {
  const outer = holder[slot];
  holder[slot] = { path: settings.path, mode: settings.mode, modeSource: "useCassette" };
  return () => {
    holder[slot] = outer;
  };
}

/** The cassette of the running suite, if any (a property read: cheap enough for every request). */
export function suiteCassette(): CassetteDefaults | undefined {
  return holder[slot];
}

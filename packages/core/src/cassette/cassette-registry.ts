import { Cassette } from "./cassette.js";
import type { CassetteSettings } from "./cassette-settings.js";

// On globalThis, so duplicate copies of the package (the app's and the tests') share one cassette per file.
const registryKey = Symbol.for("@cortex-ml/core/cassettes");
const registry: Map<string, Cassette> = ((globalThis as Record<symbol, unknown>)[registryKey] as Map<string, Cassette> | undefined) ??
  ((globalThis as Record<symbol, unknown>)[registryKey] = new Map<string, Cassette>()) as Map<string, Cassette>;

/**
 * The cassette of a file, shared by every client of the process, so the
 * order of answers is the order of requests across clients. A request in
 * another mode than the open cassette's starts a fresh one (read again).
 */
export function openCassette(settings: CassetteSettings): Cassette {
  const open = registry.get(settings.path);
  if (open?.mode === settings.mode) return open;
  const cassette = new Cassette(settings.path, settings.mode);
  registry.set(settings.path, cassette);
  return cassette;
}

/**
 * Forgets the cassette of a file (the next request reads it again, its
 * answers from the first), and fails with the error of a recording that could
 * not be written, if one could not.
 */
export function ejectCassette(path: string): void {
  const open = registry.get(path);
  registry.delete(path);
  open?.close();
}

import type { ModeCapabilities } from "./mode-capabilities.js";

interface Entry {
  /** What is known; undefined while the first probe runs. */
  capabilities: ModeCapabilities | undefined;
  /** The probe every concurrent first call waits for. */
  probe: Promise<ModeCapabilities | undefined> | undefined;
  /** Notices already logged for this endpoint+model (each is logged once). */
  readonly logged: Set<string>;
}

const memory = new Map<string, Entry>();

/** The memory key of an endpoint+model. */
export function capabilityKey(endpoint: string, model: string): string {
  return `${endpoint}\u0000${model}`;
}

function entryOf(key: string): Entry {
  let entry = memory.get(key);
  if (entry === undefined) {
    entry = { capabilities: undefined, probe: undefined, logged: new Set() };
    memory.set(key, entry);
  }
  return entry;
}

/** What this process knows about an endpoint+model, or undefined. */
export function knownCapabilities(key: string): ModeCapabilities | undefined {
  return memory.get(key)?.capabilities;
}

/**
 * What an endpoint+model honours: known already, or learned by `learn` (the
 * store, then the probe). Concurrent first calls share one `learn`; an
 * inconclusive result (undefined: the server was down) is not kept, so the
 * next call learns again.
 */
export function learnOnce(key: string, learn: () => Promise<ModeCapabilities | undefined>): Promise<ModeCapabilities | undefined> | ModeCapabilities {
  const entry = entryOf(key);
  if (entry.capabilities !== undefined) return entry.capabilities;
  if (entry.probe !== undefined) return entry.probe;
  const probe = learn().then(
    (capabilities) => {
      entry.probe = undefined;
      if (capabilities !== undefined && entry.capabilities === undefined) entry.capabilities = capabilities;
      return entry.capabilities ?? capabilities;
    },
    () => {
      entry.probe = undefined;
      return undefined;
    },
  );
  entry.probe = probe;
  return probe;
}

/** Replaces what is known about an endpoint+model (after an answer showed more). */
export function rememberCapabilities(key: string, capabilities: ModeCapabilities): void {
  entryOf(key).capabilities = capabilities;
}

/** True the first time `notice` is given for this endpoint+model: log it then, and never again. */
export function firstNotice(key: string, notice: string): boolean {
  const logged = entryOf(key).logged;
  if (logged.has(notice)) return false;
  logged.add(notice);
  return true;
}

/**
 * Forgets what mode "auto" learned in this process (after a server upgrade,
 * say): the next call of each endpoint+model probes again. Entries kept in a
 * client's cache store stay until their time to live ends (or `cache.clear()`).
 */
export function forgetModeCapabilities(): void {
  memory.clear();
}

import { createHash } from "node:crypto";
import type { CacheStore } from "../cache/cache-store.js";
import type { Logger } from "../logger.js";
import { isModeCapabilities, type ModeCapabilities } from "./mode-capabilities.js";

/** How long a stored probe result is trusted: a day (a server upgrade is then seen by the next day's first call). */
export const capabilityTtlMs = 24 * 60 * 60 * 1000;

/** The store key of an endpoint+model's capabilities: its own namespace beside the answers' hex digests. */
export function capabilityStoreKey(endpoint: string, model: string): string {
  return `mode-auto:${createHash("sha256").update(`${endpoint}\u0000${model}`).digest("hex")}`;
}

function warn(logger: Logger | undefined, what: string, error: unknown): void {
  logger?.warn?.(`cortex-ml: mode "auto" could not ${what} the cache store (${error instanceof Error ? error.message : String(error)}); it went on without it.`);
}

/** The capabilities kept in a client's cache store, or undefined (none, malformed, or a store that fails: never an error). */
export async function readStoredCapabilities(store: CacheStore, key: string, logger: Logger | undefined): Promise<ModeCapabilities | undefined> {
  try {
    const stored = await store.get(key);
    return stored !== undefined && isModeCapabilities(stored.value) ? stored.value : undefined;
  } catch (error) {
    warn(logger, "read", error);
    return undefined;
  }
}

/** Keeps capabilities in a client's cache store for {@link capabilityTtlMs}; a store that fails only warns. */
export async function storeCapabilities(store: CacheStore, key: string, model: string, capabilities: ModeCapabilities, logger: Logger | undefined): Promise<void> {
  try {
    await store.set(
      key,
      { value: capabilities, text: JSON.stringify(capabilities), model, usage: { promptTokens: 0, completionTokens: 0, totalTokens: 0 }, createdAt: Date.now() },
      capabilityTtlMs,
    );
  } catch (error) {
    warn(logger, "write to", error);
  }
}

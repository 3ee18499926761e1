import { type CacheStore, type InstructorClient, Mode, type TokenUsage, type WireMode } from "@cortex-ml/core";

/**
 * What the call that made a cached answer cost: its requests, wall time and
 * tokens (and, in mode "auto", the mode its answer came in). The response cache keeps the answer; the eval keeps these next to
 * it, so a re-run answered from the cache reports the figures of the calls
 * it stands for (a cache hit itself takes no request and no token).
 */
export interface CallFigures {
  readonly attempts: number;
  readonly latencyMs: number;
  readonly usage: TokenUsage;
  readonly modeUsed?: WireMode | undefined;
}

const wireModes: ReadonlySet<unknown> = new Set(Object.values(Mode).filter((mode) => mode !== Mode.AUTO));

/** The entry next to an answer's: its cache key with a prefix no SHA-256 hex digest has. */
function figuresKey(answerKey: string): string {
  return `eval-call-figures:${answerKey}`;
}

function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value) && value >= 0;
}

function isUsage(value: unknown): value is TokenUsage {
  const usage = value as Partial<TokenUsage> | null;
  return typeof usage === "object" && usage !== null && isCount(usage.promptTokens) && isCount(usage.completionTokens) && isCount(usage.totalTokens);
}

function warn(client: InstructorClient, what: string, error: unknown): void {
  client.logger?.warn?.(`cortex-ml eval: the cache could not ${what} (${error instanceof Error ? error.message : String(error)}); the eval went on without them.`);
}

/** The figures kept for the answer under `answerKey`, or undefined (none kept, unreadable, or a store that fails). */
export async function readCallFigures(client: InstructorClient, store: CacheStore, answerKey: string): Promise<CallFigures | undefined> {
  try {
    const entry = await store.get(figuresKey(answerKey));
    const value = entry?.value as Partial<CallFigures> | undefined;
    if (value === undefined || !isCount(value.attempts) || !isCount(value.latencyMs) || !isUsage(entry?.usage)) return undefined;
    const modeUsed = wireModes.has(value.modeUsed) ? { modeUsed: value.modeUsed } : {};
    return { attempts: value.attempts, latencyMs: value.latencyMs, usage: entry.usage, ...modeUsed };
  } catch (error) {
    warn(client, "read the figures of a cached answer", error);
    return undefined;
  }
}

/** Keeps the figures of the call that made the answer under `answerKey`, as long as the answer is kept; a store that fails only warns. */
export async function writeCallFigures(
  client: InstructorClient,
  store: CacheStore,
  answerKey: string,
  figures: CallFigures & { readonly model: string; readonly ttlMs: number | undefined },
): Promise<void> {
  const value = { attempts: figures.attempts, latencyMs: figures.latencyMs, ...(figures.modeUsed === undefined ? {} : { modeUsed: figures.modeUsed }) };
  try {
    await store.set(figuresKey(answerKey), { value, text: JSON.stringify(value), model: figures.model, usage: figures.usage, createdAt: Date.now() }, figures.ttlMs);
  } catch (error) {
    warn(client, "keep the figures of an answer", error);
  }
}

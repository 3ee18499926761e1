import { type BatchStateStore, redisBatchStateStore, sqliteBatchStateStore } from "@cortex-ml/batch";

/** Where `--state` points: a SQLite file (default next to the output), or `redis://...` for jobs shared by several machines. */
export function openStateStore(state: string | undefined, outputPath: string): { store: BatchStateStore; shown: string } {
  if (state !== undefined && /^rediss?:\/\//.test(state)) {
    const shown = state.replace(/\/\/[^@/]*@/, "//***@");
    return { store: redisBatchStateStore(state), shown };
  }
  const path = state ?? `${outputPath}.batch-state.db`;
  return { store: sqliteBatchStateStore(path), shown: path };
}

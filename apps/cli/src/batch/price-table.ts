import type { ModelPrice } from "@cortex-ml/batch";
import { readTextFile } from "../read-text-file.js";
import { UsageError } from "../usage-error.js";

/** Reads `--prices`: `{ "MODEL": { "inputPerMillion": N, "outputPerMillion": N } }`, dollars per million tokens. */
export function readPriceTable(path: string, shown: string): Record<string, ModelPrice> {
  let table: unknown;
  try {
    table = JSON.parse(readTextFile(path, `--prices ${shown}`));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`--prices ${shown}: not valid JSON (${(error as Error).message})`);
  }
  if (typeof table !== "object" || table === null || Array.isArray(table)) throw new UsageError(`--prices ${shown}: expected an object of model name -> price`);
  const prices: Record<string, ModelPrice> = {};
  for (const [model, price] of Object.entries(table)) {
    const { inputPerMillion, outputPerMillion } = (price ?? {}) as Partial<ModelPrice>;
    if (typeof inputPerMillion !== "number" || typeof outputPerMillion !== "number" || inputPerMillion < 0 || outputPerMillion < 0) {
      throw new UsageError(`--prices ${shown}: "${model}" needs {"inputPerMillion": N, "outputPerMillion": N} (dollars per million tokens)`);
    }
    prices[model] = { inputPerMillion, outputPerMillion };
  }
  return prices;
}

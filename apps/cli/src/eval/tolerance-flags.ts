import type { ComparisonOptions, FieldComparison } from "@cortex-ml/evals";
import { UsageError } from "../usage-error.js";

/** What one `--tolerance` says: an absolute (`0.01`) or relative (`1%`) tolerance, for every number or one path. */
function parseTolerance(flag: string): { path: string | undefined; rule: FieldComparison } {
  const equals = flag.lastIndexOf("=");
  const path = equals > 0 ? flag.slice(0, equals) : undefined;
  const amount = (equals > 0 ? flag.slice(equals + 1) : flag).trim();
  const percent = amount.endsWith("%");
  const value = Number(percent ? amount.slice(0, -1) : amount);
  if (amount === "" || amount === "%" || !Number.isFinite(value) || value < 0) {
    throw new UsageError(`--tolerance expects a number 0 or more (0.01), a percentage (1%), or PATH=either (total=0.01), got "${flag}"`);
  }
  return { path, rule: percent ? { relativeTolerance: value / 100 } : { tolerance: value } };
}

/**
 * The comparison the `--tolerance` and `--exact-strings` flags describe:
 * `--tolerance 0.01` for every number, `--tolerance 2%` relative to the
 * label, `--tolerance total=0.5` for one schema path (repeatable).
 */
export function comparisonOfFlags(tolerances: readonly string[], exactStrings: boolean): ComparisonOptions {
  let defaults: FieldComparison = exactStrings ? { strings: "exact" } : {};
  const paths: Record<string, FieldComparison> = {};
  for (const flag of tolerances) {
    const { path, rule } = parseTolerance(flag);
    if (path === undefined) defaults = { ...defaults, ...rule };
    else paths[path] = { ...paths[path], ...rule };
  }
  return { ...defaults, ...(Object.keys(paths).length > 0 ? { paths } : {}) };
}

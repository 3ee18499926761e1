import { InvalidArgumentError } from "@cortex-ml/core";

/** How strings are compared: after {@link normalizeString} (`normalized`), or as written (`exact`). */
export type StringComparison = "normalized" | "exact";

/** How the values of one field are compared with their label. */
export interface FieldComparison {
  /** Numbers match when they differ by at most this much. Default 0. */
  readonly tolerance?: number;
  /** Numbers match when they differ by at most this fraction of the label (0.01: within 1%). Default 0. */
  readonly relativeTolerance?: number;
  /** Default `normalized`: case, whitespace and Unicode forms do not count. */
  readonly strings?: StringComparison;
}

/**
 * How answers are compared with labels: the rules of every field, and
 * overrides by schema path (`{ paths: { total: { tolerance: 0.01 }, "items[].sku": { strings: "exact" } } }`).
 * A rule for an array (`tags`) also applies to its elements (`tags[]`).
 */
export interface ComparisonOptions extends FieldComparison {
  readonly paths?: Readonly<Record<string, FieldComparison>>;
}

/** A field's comparison rules with every default filled in. */
export interface ResolvedFieldComparison {
  readonly tolerance: number;
  readonly relativeTolerance: number;
  readonly strings: StringComparison;
}

/** The comparison a report was made with, defaults filled in. */
export interface ResolvedComparison extends ResolvedFieldComparison {
  readonly paths: Readonly<Record<string, FieldComparison>>;
}

const stringComparisons: readonly StringComparison[] = ["normalized", "exact"];

function checkFieldComparison(rule: FieldComparison, where: string): void {
  for (const name of ["tolerance", "relativeTolerance"] as const) {
    const value = rule[name];
    if (value !== undefined && !(typeof value === "number" && Number.isFinite(value) && value >= 0)) {
      throw new InvalidArgumentError({ argument: "comparison", problem: `${where}${name} must be a finite number, 0 or more (got ${String(value)})` });
    }
  }
  if (rule.strings !== undefined && !stringComparisons.includes(rule.strings)) {
    throw new InvalidArgumentError({ argument: "comparison", problem: `${where}strings must be "normalized" or "exact" (got ${JSON.stringify(rule.strings)})` });
  }
}

/** The options with their defaults, or `InvalidArgumentError` naming the wrong rule. */
export function resolveComparison(options: ComparisonOptions = {}): ResolvedComparison {
  checkFieldComparison(options, "");
  const paths: Record<string, FieldComparison> = {};
  for (const [path, rule] of Object.entries(options.paths ?? {})) {
    checkFieldComparison(rule, `paths[${JSON.stringify(path)}].`);
    paths[path === "(root)" ? "" : path] = rule;
  }
  return {
    tolerance: options.tolerance ?? 0,
    relativeTolerance: options.relativeTolerance ?? 0,
    strings: options.strings ?? "normalized",
    paths,
  };
}

/** The rules of the field at a schema path: its own override, else its array's (`tags` for `tags[]`), else the defaults. */
export function comparisonAt(comparison: ResolvedComparison, path: string): ResolvedFieldComparison {
  const rule = comparison.paths[path] ?? (path.endsWith("[]") ? comparison.paths[path.slice(0, -2)] : undefined);
  if (rule === undefined) return comparison;
  return {
    tolerance: rule.tolerance ?? comparison.tolerance,
    relativeTolerance: rule.relativeTolerance ?? comparison.relativeTolerance,
    strings: rule.strings ?? comparison.strings,
  };
}

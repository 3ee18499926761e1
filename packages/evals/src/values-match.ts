import type { ResolvedFieldComparison } from "./comparison-options.js";
import { normalizeString } from "./normalize-string.js";

/** A JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `null` and a missing key say the same: no value. */
export function isAbsent(value: unknown): value is null | undefined {
  return value === null || value === undefined;
}

function numbersMatch(label: number, output: number, rule: ResolvedFieldComparison): boolean {
  if (label === output) return true;
  const allowed = Math.max(rule.tolerance, rule.relativeTolerance * Math.abs(label));
  // A hair of slack for binary fractions: 0.1 + 0.2 is within 0.3 ± 0 as people count.
  return Math.abs(label - output) <= allowed + Number.EPSILON * Math.max(1, Math.abs(label), Math.abs(output));
}

/**
 * True when an answer's value matches the label's under the field's rules:
 * numbers within the tolerance, strings normalized (or exactly), booleans
 * and null exactly. Arrays inside arrays and objects inside them compare as
 * whole values here: element by element in order, key by key.
 */
export function valuesMatch(label: unknown, output: unknown, rule: ResolvedFieldComparison): boolean {
  if (typeof label === "number" && typeof output === "number") return numbersMatch(label, output, rule);
  if (typeof label === "string" && typeof output === "string") {
    return rule.strings === "exact" ? label === output : normalizeString(label) === normalizeString(output);
  }
  if (Array.isArray(label) && Array.isArray(output)) {
    return label.length === output.length && label.every((element, index) => valuesMatch(element, output[index], rule));
  }
  if (isJsonObject(label) && isJsonObject(output)) {
    const keys = new Set([...Object.keys(label), ...Object.keys(output)]);
    return [...keys].every((key) => (isAbsent(label[key]) && isAbsent(output[key])) || valuesMatch(label[key], output[key], rule));
  }
  return label === output;
}

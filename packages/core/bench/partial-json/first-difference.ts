import { isDeepStrictEqual } from "node:util";

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}...` : text;
}

/** Where `actual` first differs from `expected` (depth-first), as `path: actual vs expected`; undefined when deep-equal. */
export function firstDifference(actual: unknown, expected: unknown, path = "$"): string | undefined {
  if (isDeepStrictEqual(actual, expected)) return undefined;
  if (typeof actual === "object" && actual !== null && typeof expected === "object" && expected !== null && Array.isArray(actual) === Array.isArray(expected)) {
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    for (const key of keys) {
      const step = Array.isArray(expected) ? `${path}[${key}]` : `${path}.${key}`;
      const difference = firstDifference((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], step);
      if (difference !== undefined) return difference;
    }
  }
  return `${path}: ${preview(actual)} instead of ${preview(expected)}`;
}

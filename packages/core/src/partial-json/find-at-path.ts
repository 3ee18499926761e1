import type { JsonPath } from "./partial-json-options.js";

/** A value found by {@link findAtPath}, with the container holding it (undefined for the root). */
export interface FoundValue {
  readonly value: unknown;
  readonly parent: object | undefined;
}

/**
 * Walks `path` from `root` through own object properties and array indices.
 * Returns undefined when some step does not exist (a missing key, an index past the end,
 * a number step on an object, a string step on an array, a step into a scalar).
 */
export function findAtPath(root: unknown, path: JsonPath): FoundValue | undefined {
  if (root === undefined) return undefined;
  let value: unknown = root;
  let parent: object | undefined;
  for (const step of path) {
    if (Array.isArray(value)) {
      if (typeof step !== "number" || !Number.isInteger(step) || step < 0 || step >= value.length) return undefined;
      parent = value;
      value = value[step];
    } else if (typeof value === "object" && value !== null) {
      if (typeof step !== "string" || !Object.hasOwn(value, step)) return undefined;
      parent = value;
      value = (value as Record<string, unknown>)[step];
    } else {
      return undefined;
    }
  }
  return { value, parent };
}

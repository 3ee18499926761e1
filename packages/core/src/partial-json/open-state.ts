import { findAtPath } from "./find-at-path.js";
import type { JsonPath } from "./partial-json-options.js";

/**
 * Where a streaming parser was when a snapshot was taken: the path of the
 * value being read (one step per open container, outermost first) and
 * whether that value is a string still being read. It is enough to tell,
 * later, which values of that snapshot were complete.
 */
export interface OpenState {
  readonly slot: JsonPath;
  readonly readingString: boolean;
}

/**
 * Whether the value at `path` of a snapshot `data` was complete when the
 * snapshot was taken in `state`: it exists there, is not one of the open
 * containers (the prefixes of the slot), and is not the string being read.
 * Numbers and literals only ever appear complete.
 */
export function isCompleteAt(data: unknown, state: OpenState, path: JsonPath): boolean {
  if (findAtPath(data, path) === undefined) return false;
  const { slot, readingString } = state;
  if (path.length > slot.length) return true;
  for (let index = 0; index < path.length; index += 1) if (path[index] !== slot[index]) return true;
  // `path` is the slot itself or one of its prefixes: an open container, or the value being read.
  return path.length === slot.length && !readingString;
}

import { type ContainerFrame, MemberMode } from "./container-frame.js";
import { findAtPath } from "./find-at-path.js";
import type { JsonPath } from "./partial-json-options.js";

/**
 * Whether the value at `path` under `root` exists and is complete, given the parser's open
 * containers (`frames`, outermost first) and whether a string value is being read in the
 * innermost one. Open containers form the spine from the root, so a container at depth d is open
 * exactly when it is `frames[d]`; the one open string is the current slot of the innermost frame.
 * Numbers and literals are only ever in the tree once complete.
 */
export function isValueComplete(root: unknown, frames: readonly ContainerFrame[], readingString: boolean, path: JsonPath): boolean {
  const found = findAtPath(root, path);
  if (found === undefined) return false;
  const { value, parent } = found;
  if (typeof value === "object" && value !== null) return frames[path.length]?.container !== value;
  if (typeof value !== "string" || !readingString || path.length !== frames.length) return true;
  const top = frames[frames.length - 1];
  if (top === undefined) return false; // the root string is being read
  if (parent !== top.container || top.hidden) return true;
  const step = path[path.length - 1];
  return top.isArray ? step !== (top.container as unknown[]).length - 1 : step !== top.key || top.memberMode === MemberMode.drop;
}

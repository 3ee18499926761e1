import type { PartialJsonParser } from "../partial-json/index.js";

type Container = Record<string, unknown> | unknown[];

function isContainer(value: unknown): value is Container {
  return typeof value === "object" && value !== null;
}

/**
 * A snapshot of the parser's live value that later input will not change:
 * the containers still open are copied (along the one open path), complete
 * ones are shared, since a complete value never changes again. Costs the
 * width of the open containers, not the size of the document.
 */
export function immutableSnapshot(parser: PartialJsonParser): unknown {
  const root = parser.value;
  if (!isContainer(root) || parser.isComplete([])) return root;
  return copyOpen(root, [], parser);
}

function copyOpen(container: Container, path: (string | number)[], parser: PartialJsonParser): Container {
  if (Array.isArray(container)) {
    const copy = container.slice();
    const last = copy.length - 1;
    const child = copy[last];
    if (last >= 0 && isContainer(child)) {
      const childPath = [...path, last];
      if (!parser.isComplete(childPath)) copy[last] = copyOpen(child, childPath, parser);
    }
    return copy;
  }
  const copy: Record<string, unknown> = { ...container };
  let lastKey: string | undefined;
  for (const key in copy) lastKey = key;
  if (lastKey !== undefined) {
    const child = copy[lastKey];
    if (isContainer(child)) {
      const childPath = [...path, lastKey];
      if (!parser.isComplete(childPath)) copy[lastKey] = copyOpen(child, childPath, parser);
    }
  }
  return copy;
}

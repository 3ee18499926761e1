import type { JsonShape } from "./json-shape.js";
import type { JsonPath } from "./partial-json-options.js";

/** How the current member of an object is stored. */
export const MemberMode = {
  /** Plain assignment: `object[key] = value`. */
  assign: 0,
  /** `Object.defineProperty`, for keys that `Object.prototype` also has (`constructor`, `toString`...). */
  define: 1,
  /** Not stored at all: the `__proto__` member is dropped. */
  drop: 2,
} as const;

/** One of {@link MemberMode}. */
export type MemberMode = (typeof MemberMode)[keyof typeof MemberMode];

/** An open object or array, with the member being filled. */
export interface ContainerFrame {
  readonly container: Record<string, unknown> | unknown[];
  readonly isArray: boolean;
  /** True when the container is not reachable from the root (it sits under a dropped `__proto__` member). */
  readonly hidden: boolean;
  /** The keys the schema allows here (and below), when the parser was given a shape. */
  readonly shape: JsonShape | undefined;
  /** Key of the member being read (objects only). */
  key: string;
  memberMode: MemberMode;
  /** Members or elements stored so far (what copying this container costs). */
  size: number;
}

/** A frame for a freshly opened container. */
export function openFrame(container: Record<string, unknown> | unknown[], isArray: boolean, hidden: boolean, shape?: JsonShape): ContainerFrame {
  return { container, isArray, hidden, shape, key: "", memberMode: MemberMode.assign, size: 0 };
}

/** Names `Object.prototype` has, read once (a `Set` lookup is much faster than `key in Object.prototype`). */
const prototypeNames = new Set(Object.getOwnPropertyNames(Object.prototype));

/**
 * How to store the member named `key`. A key the frame's schema shape does not list is dropped
 * (kept out of the partial value). `__proto__` is always dropped: it would otherwise replace the
 * object's prototype (assignment) or create an own `__proto__` that later spreads or merges turn
 * into a prototype change. Other names that `Object.prototype` has are defined, not assigned,
 * so that they are own data properties even if the prototype was frozen or given setters.
 */
export function memberModeFor(key: string, shape?: JsonShape): MemberMode {
  if (key === "__proto__") return MemberMode.drop;
  const keys = shape?.keys;
  if (keys !== undefined && !keys.has(key)) return MemberMode.drop;
  return prototypeNames.has(key) ? MemberMode.define : MemberMode.assign;
}

/** Stores `value` in the frame's current member; for arrays, `append` adds an element, otherwise the last one is replaced. */
export function storeInFrame(frame: ContainerFrame, value: unknown, append: boolean): void {
  if (frame.isArray) {
    const array = frame.container as unknown[];
    if (append) {
      array.push(value);
      frame.size += 1;
    } else array[array.length - 1] = value;
    return;
  }
  const object = frame.container as Record<string, unknown>;
  if (append && frame.memberMode !== MemberMode.drop) frame.size += 1;
  if (frame.memberMode === MemberMode.assign) object[frame.key] = value;
  else if (frame.memberMode === MemberMode.define) {
    Object.defineProperty(object, frame.key, { value, writable: true, enumerable: true, configurable: true });
  }
}

/** The path of the value being read inside the innermost frame (arrays: the last element). */
export function pathOfFrames(frames: readonly ContainerFrame[]): JsonPath {
  return frames.map((frame) => (frame.isArray ? (frame.container as unknown[]).length - 1 : frame.key));
}

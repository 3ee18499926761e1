import type { WireMode } from "../modes/mode.js";

/** What an endpoint+model did with a mode's constraint: applied it, or dropped it. */
export type ConstraintStatus = "honoured" | "dropped";

/** What mode "auto" learned about one endpoint+model. */
export interface ModeCapabilities {
  /** Per mode, whether its constraint was seen applied or dropped; a mode never seen is absent. */
  readonly constraints: Readonly<Partial<Record<WireMode, ConstraintStatus>>>;
  /** True once the model was seen thinking (a `reasoning` / `reasoning_content` field, or a `<think>` block). */
  readonly reasoning: boolean;
}

/** Nothing learned yet. */
export const unknownCapabilities: ModeCapabilities = { constraints: {}, reasoning: false };

/** The strongest candidate whose constraint was not seen dropped (the last candidate when all were). */
export function pickMode(capabilities: ModeCapabilities, candidates: readonly WireMode[]): WireMode {
  for (const mode of candidates) if (capabilities.constraints[mode] !== "dropped") return mode;
  return candidates[candidates.length - 1] as WireMode;
}

/** The capabilities with one more fact about a mode's constraint, or about thinking. */
export function withFact(capabilities: ModeCapabilities, fact: { readonly mode?: WireMode; readonly status?: ConstraintStatus; readonly reasoning?: boolean }): ModeCapabilities {
  const constraints = fact.mode !== undefined && fact.status !== undefined ? { ...capabilities.constraints, [fact.mode]: fact.status } : capabilities.constraints;
  return { constraints, reasoning: capabilities.reasoning || fact.reasoning === true };
}

/** True when `value` has the shape of {@link ModeCapabilities} (a stored entry is checked before use). */
export function isModeCapabilities(value: unknown): value is ModeCapabilities {
  const candidate = value as Partial<ModeCapabilities> | null;
  if (typeof candidate !== "object" || candidate === null || typeof candidate.reasoning !== "boolean") return false;
  const constraints = candidate.constraints;
  if (typeof constraints !== "object" || constraints === null) return false;
  return Object.values(constraints).every((status) => status === "honoured" || status === "dropped");
}

import { Mode, type WireMode } from "../modes/mode.js";
import type { ProviderDefinition } from "../providers/provider-definition.js";

/** The order mode "auto" tries modes in, strongest constraint first. */
export const autoModeOrder: readonly WireMode[] = [Mode.JSON_SCHEMA, Mode.TOOLS, Mode.JSON, Mode.MD_JSON];

const byProvider = new WeakMap<ProviderDefinition, readonly WireMode[]>();

/**
 * The modes "auto" may use with a provider, strongest first: the provider's
 * own `autoModes` order (Ollama leaves TOOLS out: it ignores `tool_choice`),
 * else {@link autoModeOrder}, kept to the modes it supports. MD_JSON (no
 * server constraint at all) closes every list.
 */
export function autoCandidates(provider: ProviderDefinition | undefined): readonly WireMode[] {
  if (provider === undefined) return autoModeOrder;
  const known = byProvider.get(provider);
  if (known) return known;
  const order = (provider.autoModes ?? autoModeOrder).filter((mode) => mode !== Mode.PARALLEL_TOOLS && provider.supportedModes.includes(mode));
  if (!order.includes(Mode.MD_JSON)) order.push(Mode.MD_JSON);
  byProvider.set(provider, order);
  return order;
}

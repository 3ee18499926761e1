import type { ProviderDefinition } from "./provider-definition.js";

/** Applies a provider's field fixes to a request body: rejected fields dropped, renamed ones renamed. */
export function adaptRequestFields<TBody extends Record<string, unknown>>(provider: ProviderDefinition | undefined, body: TBody): TBody {
  if (!provider || (!provider.droppedFields?.length && !provider.renamedFields)) return body;
  const adapted: Record<string, unknown> = { ...body };
  for (const field of provider.droppedFields ?? []) delete adapted[field];
  for (const [from, to] of Object.entries(provider.renamedFields ?? {})) {
    if (from in adapted) {
      adapted[to] = adapted[from];
      delete adapted[from];
    }
  }
  return adapted as TBody;
}

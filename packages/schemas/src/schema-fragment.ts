import type { JsonSchema } from "./json-schema.js";

function resolveRef(root: JsonSchema, node: JsonSchema): JsonSchema {
  let current = node;
  for (let hops = 0; hops < 32 && typeof current.$ref === "string"; hops += 1) {
    const parts = current.$ref.replace(/^#\//, "").split("/");
    let target: unknown = root;
    for (const part of parts) target = (target as Record<string, unknown> | undefined)?.[part];
    if (typeof target !== "object" || target === null) return current;
    current = target as JsonSchema;
  }
  return current;
}

function children(node: JsonSchema): JsonSchema[] {
  const options = [node.anyOf, node.oneOf, node.allOf].filter(Array.isArray).flat();
  return options.filter((option): option is JsonSchema => typeof option === "object" && option !== null);
}

function step(root: JsonSchema, node: JsonSchema, key: PropertyKey): JsonSchema | undefined {
  const resolved = resolveRef(root, node);
  if (typeof key === "number") {
    if (Array.isArray(resolved.items)) return resolved.items[key] as JsonSchema | undefined;
    if (typeof resolved.items === "object" && resolved.items !== null) return resolved.items as JsonSchema;
  } else {
    const properties = resolved.properties as Record<string, JsonSchema> | undefined;
    const property = properties?.[String(key)];
    if (property) return property;
    if (typeof resolved.additionalProperties === "object" && resolved.additionalProperties !== null) {
      return resolved.additionalProperties as JsonSchema;
    }
  }
  for (const option of children(resolved)) {
    const found = step(root, option, key);
    if (found) return found;
  }
  return undefined;
}

/**
 * The fragment of a JSON Schema that describes the value at `path`
 * (object keys and array indexes), following `$ref`s and unions. Used to show
 * a model exactly which part of the schema its answer missed.
 */
export function schemaFragmentAt(root: JsonSchema, path: readonly PropertyKey[]): JsonSchema | undefined {
  let node: JsonSchema | undefined = root;
  for (const key of path) {
    if (!node) return undefined;
    node = step(root, node, key);
  }
  return node ? resolveRef(root, node) : undefined;
}

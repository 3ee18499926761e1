import { type JsonSchema, type ResponseModelInput, resolveResponseModel } from "@cortex-ml/schemas";
import { propertyLocation } from "./field-path.js";

function resolveReference(root: JsonSchema, node: JsonSchema): { node: JsonSchema; reference: string | undefined } {
  if (typeof node.$ref !== "string") return { node, reference: undefined };
  let target: unknown = root;
  for (const part of node.$ref.replace(/^#\//, "").split("/")) target = (target as Record<string, unknown> | undefined)?.[part];
  return typeof target === "object" && target !== null ? { node: target as JsonSchema, reference: node.$ref } : { node, reference: undefined };
}

function collect(root: JsonSchema, given: JsonSchema, path: string, references: ReadonlySet<string>, paths: string[]): void {
  const { node, reference } = resolveReference(root, given);
  // A recursive definition is followed once per branch: its deeper levels share the same names anyway.
  if (reference !== undefined && references.has(reference)) return;
  const followed = reference === undefined ? references : new Set([...references, reference]);
  if (!paths.includes(path)) paths.push(path);
  for (const option of [node.anyOf, node.oneOf, node.allOf].filter(Array.isArray).flat()) {
    if (typeof option === "object" && option !== null) collect(root, option as JsonSchema, path, followed, paths);
  }
  const properties = node.properties;
  if (typeof properties === "object" && properties !== null) {
    for (const [key, child] of Object.entries(properties as Record<string, JsonSchema>)) {
      collect(root, child, propertyLocation({ path, at: path }, key).path, followed, paths);
    }
  }
  const items = node.items;
  if (typeof items === "object" && items !== null && !Array.isArray(items)) collect(root, items as JsonSchema, `${path}[]`, followed, paths);
}

/**
 * The schema paths of a response model in the schema's own order (a field
 * before its subfields, `items[]` before `items[].price`), read from the JSON
 * Schema the model is shown: report rows follow it. Throws
 * `UnsupportedSchemaError` for a schema that cannot be sent, before any request.
 */
export function schemaPaths(responseModel: ResponseModelInput): string[] {
  const model = resolveResponseModel(responseModel);
  const root = model.jsonSchema;
  const start = model.wrapped ? (root.properties.content as JsonSchema) : root;
  const paths: string[] = [];
  collect(root, start, "", new Set(), paths);
  return paths;
}


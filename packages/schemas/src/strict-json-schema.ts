import type { JsonSchema } from "./json-schema.js";

/** Keywords OpenAI's strict structured outputs reject; the Valibot schema still enforces them. */
const unsupportedInStrictMode = new Set([
  "default", "examples", "minLength", "maxLength", "minProperties", "maxProperties", "patternProperties",
  "propertyNames", "unevaluatedProperties", "uniqueItems", "contains", "minContains", "maxContains", "if", "then", "else", "not",
]);

function isObject(value: unknown): value is JsonSchema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function nullable(schema: JsonSchema): JsonSchema {
  if (Array.isArray(schema.anyOf) && schema.anyOf.some((option) => isObject(option) && option.type === "null")) return schema;
  if (schema.type === "null") return schema;
  const { description, ...rest } = schema;
  return { anyOf: [rest, { type: "null" }], ...(description === undefined ? {} : { description }) };
}

function strictNode(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strictNode);
  if (!isObject(node)) return node;
  const result: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) {
    if (unsupportedInStrictMode.has(key)) continue;
    if (key === "properties" && isObject(value)) {
      const required = new Set(Array.isArray(node.required) ? (node.required as string[]) : []);
      const properties: JsonSchema = {};
      for (const [name, property] of Object.entries(value)) {
        const strict = strictNode(property) as JsonSchema;
        properties[name] = required.has(name) ? strict : nullable(strict);
      }
      result.properties = properties;
      continue;
    }
    if (key === "oneOf") {
      result.anyOf = strictNode(value);
      continue;
    }
    if (key === "required") continue;
    result[key] = strictNode(value);
  }
  if (isObject(result.properties)) {
    result.required = Object.keys(result.properties);
    result.additionalProperties = false;
  } else if (node.type === "object" && result.additionalProperties === undefined) {
    result.additionalProperties = false;
  }
  return result;
}

/**
 * Rewrites a wire JSON Schema for OpenAI's strict structured outputs: every
 * property required (optional ones become nullable), `additionalProperties:
 * false` on every object, `oneOf` as `anyOf`, and keywords strict mode rejects
 * left out. Use {@link restoreOptionalNulls} on the answer so the Valibot
 * schema sees what the user declared (absent, not null).
 */
export function toStrictJsonSchema(schema: JsonSchema): JsonSchema {
  return strictNode(schema) as JsonSchema;
}

function resolve(root: JsonSchema, node: JsonSchema): JsonSchema {
  let current = node;
  for (let hops = 0; hops < 32 && typeof current.$ref === "string"; hops += 1) {
    let target: unknown = root;
    for (const part of current.$ref.replace(/^#\//, "").split("/")) target = isObject(target) ? target[part] : undefined;
    if (!isObject(target)) return current;
    current = target;
  }
  return current;
}

function restore(value: unknown, node: JsonSchema, root: JsonSchema, depth: number): unknown {
  if (depth > 256 || typeof value !== "object" || value === null) return value;
  const schema = resolve(root, node);
  const branches = [schema.anyOf, schema.oneOf, schema.allOf].filter(Array.isArray).flat().filter(isObject);
  for (const branch of branches) restore(value, branch, root, depth + 1);
  if (Array.isArray(value)) {
    if (isObject(schema.items)) for (const item of value) restore(item, schema.items, root, depth + 1);
    return value;
  }
  const record = value as Record<string, unknown>;
  if (isObject(schema.properties)) {
    const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
    for (const [name, property] of Object.entries(schema.properties)) {
      if (!(name in record)) continue;
      if (record[name] === null && !required.has(name)) delete record[name];
      else if (isObject(property)) restore(record[name], property, root, depth + 1);
    }
  }
  return value;
}

/**
 * Undoes the nullable-optional rewrite of {@link toStrictJsonSchema} on a
 * parsed answer: a `null` for a property that the original schema did not
 * require is removed. `schema` is the original (non-strict) wire schema.
 * Mutates and returns the value.
 */
export function restoreOptionalNulls(value: unknown, schema: JsonSchema): unknown {
  return restore(value, schema, schema, 0);
}

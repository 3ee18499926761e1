import type { JsonSchema } from "@cortex-ml/schemas";

/** A JSON Schema object, as it comes off the wire. */
export type JsonSchemaObject = JsonSchema;

/** String formats node-llama-cpp's grammar can enforce; others become plain strings. */
const grammarFormats = new Set(["date", "time", "date-time"]);

/** How deep a schema may nest before the rest is left unconstrained (any JSON). */
const maxDepth = 64;

function isObject(value: unknown): value is JsonSchemaObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isPrimitive(value: unknown): value is string | number | boolean | null {
  return value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

/** Any JSON value, spelled so node-llama-cpp accepts it (it reads a schema without `type` as `null`). */
export function anyJsonSchema(): JsonSchemaObject {
  return {
    oneOf: [{ type: ["string", "number", "boolean", "null"] }, { type: "object", additionalProperties: true }, { type: "array" }],
  };
}

function copyNumber(from: JsonSchemaObject, to: JsonSchemaObject, key: string): void {
  const value = from[key];
  if (typeof value === "number" && Number.isFinite(value) && value >= 0) to[key] = Math.floor(value);
}

function inferType(schema: JsonSchemaObject): string | undefined {
  if ("properties" in schema || "additionalProperties" in schema || "patternProperties" in schema) return "object";
  if ("items" in schema || "prefixItems" in schema) return "array";
  if ("minLength" in schema || "maxLength" in schema || "format" in schema || "pattern" in schema) return "string";
  if ("minimum" in schema || "maximum" in schema || "multipleOf" in schema) return "number";
  return undefined;
}

/** Folds `allOf` members into one schema: properties and `required` merged, other keywords last-wins. */
function mergeAllOf(schema: JsonSchemaObject): JsonSchemaObject {
  const { allOf, ...rest } = schema;
  let merged: JsonSchemaObject = rest;
  for (const member of Array.isArray(allOf) ? allOf : []) {
    if (!isObject(member)) continue;
    const inner = "allOf" in member ? mergeAllOf(member) : member;
    const properties = { ...(isObject(merged.properties) ? merged.properties : {}), ...(isObject(inner.properties) ? inner.properties : {}) };
    const required = [...(Array.isArray(merged.required) ? merged.required : []), ...(Array.isArray(inner.required) ? inner.required : [])];
    merged = { ...merged, ...inner };
    if (Object.keys(properties).length > 0) merged.properties = properties;
    if (required.length > 0) merged.required = [...new Set(required)];
  }
  return merged;
}

function sanitizeObject(schema: JsonSchemaObject, depth: number): JsonSchemaObject {
  const result: JsonSchemaObject = { type: "object" };
  const properties = isObject(schema.properties) ? schema.properties : undefined;
  if (properties) {
    result.properties = Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, sanitizeAt(value, depth + 1)]));
  }
  const additional = schema.additionalProperties;
  // JSON Schema allows extra keys unless told otherwise; node-llama-cpp forbids them unless told otherwise.
  // An object with declared properties gets only those (Valibot objects drop unknown keys anyway).
  if (isObject(additional)) result.additionalProperties = sanitizeAt(additional, depth + 1);
  else if (additional === true || (additional === undefined && !properties)) result.additionalProperties = true;
  if (result.additionalProperties !== undefined) {
    copyNumber(schema, result, "minProperties");
    copyNumber(schema, result, "maxProperties");
  }
  return result;
}

function sanitizeArray(schema: JsonSchemaObject, depth: number): JsonSchemaObject {
  const result: JsonSchemaObject = { type: "array" };
  const prefix = Array.isArray(schema.prefixItems) ? schema.prefixItems : Array.isArray(schema.items) ? schema.items : undefined;
  if (prefix) result.prefixItems = prefix.map((item) => sanitizeAt(item, depth + 1));
  const items = Array.isArray(schema.items) ? schema.additionalItems : schema.items;
  if (isObject(items) && Object.keys(items).length > 0) result.items = sanitizeAt(items, depth + 1);
  copyNumber(schema, result, "minItems");
  copyNumber(schema, result, "maxItems");
  if (items === false && prefix) result.maxItems = prefix.length;
  return result;
}

function sanitizeString(schema: JsonSchemaObject): JsonSchemaObject {
  const format = schema.format;
  if (typeof format === "string" && grammarFormats.has(format)) return { type: "string", format };
  const result: JsonSchemaObject = { type: "string" };
  copyNumber(schema, result, "minLength");
  copyNumber(schema, result, "maxLength");
  return result;
}

function sanitizeTyped(schema: JsonSchemaObject, type: string, depth: number): JsonSchemaObject {
  switch (type) {
    case "object":
      return sanitizeObject(schema, depth);
    case "array":
      return sanitizeArray(schema, depth);
    case "string":
      return sanitizeString(schema);
    case "number":
    case "integer":
    case "boolean":
    case "null":
      return { type };
    default:
      return anyJsonSchema();
  }
}

function withDefinitions(schema: JsonSchemaObject, result: JsonSchemaObject, depth: number): JsonSchemaObject {
  const definitions = isObject(schema.$defs) ? schema.$defs : isObject(schema.definitions) ? schema.definitions : undefined;
  if (!definitions) return result;
  const $defs = Object.fromEntries(Object.entries(definitions).map(([name, value]) => [name, sanitizeAt(value, depth + 1)]));
  return { ...result, $defs };
}

function sanitizeAt(input: unknown, depth: number): JsonSchemaObject {
  if (depth > maxDepth || !isObject(input)) return input === false ? { type: "null" } : anyJsonSchema();
  const schema = Array.isArray(input.allOf) ? mergeAllOf(input) : input;
  if (typeof schema.$ref === "string") {
    const ref = schema.$ref.replace(/^#\/definitions\//, "#/$defs/");
    return withDefinitions(schema, ref.startsWith("#/$defs/") ? { $ref: ref } : anyJsonSchema(), depth);
  }
  if ("const" in schema) return isPrimitive(schema.const) ? { const: schema.const } : anyJsonSchema();
  if (Array.isArray(schema.enum)) {
    const values = schema.enum.filter(isPrimitive);
    return values.length > 0 ? { enum: values } : anyJsonSchema();
  }
  const alternatives = Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : undefined;
  if (alternatives) {
    const { anyOf: _anyOf, oneOf: _oneOf, $defs: _defs, definitions: _definitions, ...siblings } = schema;
    const oneOf = alternatives.map((alternative) => sanitizeAt(isObject(alternative) ? { ...siblings, ...alternative } : alternative, depth + 1));
    return withDefinitions(schema, oneOf.length === 1 && oneOf[0] ? oneOf[0] : { oneOf }, depth);
  }
  const declared = Array.isArray(schema.type) ? [...new Set(schema.type.filter((type): type is string => typeof type === "string"))] : schema.type;
  const types = typeof declared === "string" ? [declared] : Array.isArray(declared) && declared.length > 0 ? declared : [inferType(schema)];
  // node-llama-cpp ignores maxLength, properties and items when `type` is a list: one alternative per type keeps them.
  const typed = types.map((type) => (type === undefined ? anyJsonSchema() : sanitizeTyped(schema, type, depth)));
  return withDefinitions(schema, typed.length === 1 && typed[0] ? typed[0] : { oneOf: typed }, depth);
}

/**
 * Rewrites a JSON Schema into the subset node-llama-cpp's grammar builder
 * enforces faithfully: `anyOf` becomes `oneOf`, `type` lists become one
 * alternative per type (so `maxLength` on `["string", "null"]` still holds),
 * `allOf` is merged, untyped schemas become "any JSON" (node-llama-cpp would
 * read them as `null`), and keywords it cannot enforce (`pattern`, numeric
 * ranges, unknown formats) are dropped: validation still checks them.
 */
export function sanitizeJsonSchema(schema: unknown): JsonSchemaObject {
  return sanitizeAt(schema, 0);
}

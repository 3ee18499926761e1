import type { JsonSchema } from "@cortex-ml/schemas";
import type { RepairTally } from "./repair-kinds.js";

type SchemaNode = Record<string, unknown>;

/** The number a string holds when it is a plain decimal (`"25"`, `"-3.5"`, `"1e3"`), else undefined. No hex, no `Infinity`, no empty string. */
export function numberInString(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === "" || trimmed.length > 64) return undefined;
  for (let index = 0; index < trimmed.length; index += 1) {
    const code = trimmed.charCodeAt(index);
    const allowed = (code >= 48 && code <= 57) || code === 46 || code === 45 || code === 43 || code === 101 || code === 69;
    if (!allowed) return undefined;
  }
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
}

/** The schema a `$ref` points to (`#/$defs/Name`, `#/definitions/Name`), else the schema itself. */
function resolve(schema: unknown, root: SchemaNode): SchemaNode | undefined {
  if (typeof schema !== "object" || schema === null) return undefined;
  const ref = (schema as SchemaNode).$ref;
  if (typeof ref !== "string" || !ref.startsWith("#/")) return schema as SchemaNode;
  let target: unknown = root;
  for (const part of ref.slice(2).split("/")) target = (target as SchemaNode | undefined)?.[part];
  return typeof target === "object" && target !== null ? (target as SchemaNode) : undefined;
}

/** The JSON types a schema accepts at its top (through `anyOf` / `oneOf` branches), for the scalar check. */
function acceptedTypes(schema: SchemaNode, root: SchemaNode, into: Set<string>, depth = 0): Set<string> {
  if (depth > 8) return into;
  const type = schema.type;
  if (typeof type === "string") into.add(type);
  else if (Array.isArray(type)) for (const name of type) into.add(String(name));
  if (schema.const !== undefined) into.add(typeof schema.const === "string" ? "string" : "other");
  if (Array.isArray(schema.enum)) for (const member of schema.enum) into.add(typeof member === "string" ? "string" : "other");
  for (const key of ["anyOf", "oneOf"] as const) {
    const branches = schema[key];
    if (!Array.isArray(branches)) continue;
    for (const branch of branches) {
      const resolved = resolve(branch, root);
      if (resolved) acceptedTypes(resolved, root, into, depth + 1);
    }
  }
  return into;
}

/** The one branch of a union that describes objects (or arrays), when exactly one does. */
function onlyBranchFor(schema: SchemaNode, root: SchemaNode, type: "object" | "array"): SchemaNode | undefined {
  if (schema.type === type || schema.properties !== undefined || schema.items !== undefined) return schema;
  let found: SchemaNode | undefined;
  for (const key of ["anyOf", "oneOf"] as const) {
    const branches = schema[key];
    if (!Array.isArray(branches)) continue;
    for (const branch of branches) {
      const resolved = resolve(branch, root);
      if (resolved === undefined || acceptedTypes(resolved, root, new Set()).has(type) === false) continue;
      if (found !== undefined) return undefined;
      found = resolved;
    }
  }
  return found;
}

function coerce(value: unknown, schema: SchemaNode | undefined, root: SchemaNode, tally: RepairTally): unknown {
  if (schema === undefined) return value;
  if (typeof value === "string") {
    const types = acceptedTypes(schema, root, new Set());
    if (types.has("string") || !(types.has("number") || types.has("integer"))) return value;
    const number = numberInString(value);
    if (number === undefined || (!types.has("number") && !Number.isInteger(number))) return value;
    tally.add("number-string");
    return number;
  }
  if (Array.isArray(value)) {
    const items = onlyBranchFor(schema, root, "array")?.items;
    const itemSchema = resolve(items, root);
    if (itemSchema === undefined) return value;
    for (let index = 0; index < value.length; index += 1) value[index] = coerce(value[index], itemSchema, root, tally);
    return value;
  }
  if (typeof value === "object" && value !== null) {
    const properties = onlyBranchFor(schema, root, "object")?.properties as SchemaNode | undefined;
    if (properties === undefined) return value;
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (Object.hasOwn(properties, key)) record[key] = coerce(record[key], resolve(properties[key], root), root, tally);
    }
  }
  return value;
}

/**
 * Turns strings that hold numbers into numbers wherever the JSON Schema wants
 * a number or an integer and no string (through `$ref`, nullable unions and
 * the one object branch of a union), in place on a freshly parsed answer.
 * One visit per value, so linear in the answer. Each change is counted in
 * `tally`.
 */
export function coerceNumberStrings(value: unknown, schema: JsonSchema, tally: RepairTally): unknown {
  const root = schema as SchemaNode;
  return coerce(value, resolve(root, root), root, tally);
}

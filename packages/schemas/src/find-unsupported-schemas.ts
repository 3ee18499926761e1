import type { UnsupportedSchemaPart } from "./unsupported-schema-error.js";

const jsonOnly = "a model answers in JSON only: remove this field from the response model, or describe it with JSON types and convert it with v.transform";

const fixes: Record<string, string> = {
  date: "use v.pipe(v.string(), v.isoTimestamp(), v.transform((text) => new Date(text)))",
  bigint: "use v.pipe(v.string(), v.digits(), v.transform((text) => BigInt(text)))",
  map: "use v.pipe(v.record(v.string(), valueSchema), v.transform((record) => new Map(Object.entries(record))))",
  set: "use v.pipe(v.array(itemSchema), v.transform((items) => new Set(items)))",
  undefined: "use v.optional(...) around the field instead of v.undefined()",
  void: "use v.optional(...) around the field instead of v.void()",
  nan: "use v.number()",
  custom: "describe the value with a JSON type and add the rule with v.check, e.g. v.pipe(v.string(), v.check((text) => ...))",
  symbol: jsonOnly,
  function: jsonOnly,
  promise: jsonOnly,
  instance: jsonOnly,
  blob: jsonOnly,
  file: jsonOnly,
};

type Node = Record<string, unknown> & { type?: unknown; kind?: unknown };

function isSchema(value: unknown): value is Node {
  return typeof value === "object" && value !== null && (value as Node).kind === "schema";
}

/**
 * Walks a Valibot schema the way a model's JSON input would be checked and
 * lists every part that JSON Schema cannot describe, with its field path.
 * Pipelines are followed up to their first transformation (the model produces
 * the input of the pipeline, not its output).
 */
export function findUnsupportedSchemas(schema: unknown): UnsupportedSchemaPart[] {
  const found: UnsupportedSchemaPart[] = [];
  const seen = new Set<unknown>();
  visit(schema, "(root)", found, seen);
  return found;
}

function join(path: string, key: string): string {
  return path === "(root)" ? key : `${path}.${key}`;
}

function visit(node: unknown, path: string, found: UnsupportedSchemaPart[], seen: Set<unknown>): void {
  if (!isSchema(node) || seen.has(node)) return;
  seen.add(node);
  const type = String(node.type);
  const fix = fixes[type];
  if (fix !== undefined) {
    found.push({ path, schemaType: type, fix });
    return;
  }
  if (type === "literal" && (typeof node.literal === "bigint" || typeof node.literal === "symbol")) {
    found.push({ path, schemaType: "literal", fix: "use a string, number or boolean literal" });
    return;
  }
  const children: Array<[unknown, string]> = [];
  if (node.entries && typeof node.entries === "object") {
    for (const [key, value] of Object.entries(node.entries as Record<string, unknown>)) children.push([value, join(path, key)]);
  }
  if (isSchema(node.item)) children.push([node.item, `${path === "(root)" ? "" : path}[]`]);
  if (Array.isArray(node.items)) node.items.forEach((item, index) => children.push([item, `${path === "(root)" ? "" : path}[${index}]`]));
  if (isSchema(node.rest)) children.push([node.rest, `${path === "(root)" ? "" : path}[]`]);
  if (Array.isArray(node.options)) for (const option of node.options) children.push([option, path]);
  if (isSchema(node.wrapped)) children.push([node.wrapped, path]);
  if (isSchema(node.value)) children.push([node.value, join(path, "*")]);
  if (typeof node.getter === "function") {
    try {
      children.push([(node.getter as (input: unknown) => unknown)(undefined), path]);
    } catch {
      // A getter that needs a real input is checked when the schema runs.
    }
  }
  for (const [child, childPath] of children) visit(child, childPath, found, seen);
}

import * as v from "valibot";
import { errorMarker, isCortexError } from "./error-marker.js";
import type { JsonSchema } from "./json-schema.js";

/** Thrown when a JSON Schema uses something {@link fromJsonSchema} cannot check; names the JSON pointer. */
export class JsonSchemaConversionError extends Error {
  readonly _tag = "JsonSchemaConversionError" as const;
  override readonly name = "JsonSchemaConversionError";
  constructor(
    /** The JSON pointer of the part that cannot be checked, e.g. `#/properties/when`. */
    readonly pointer: string,
    /** What is wrong there. */
    readonly problem: string,
  ) {
    super(`${pointer}: ${problem}`);
  }

  static {
    Object.defineProperty(this.prototype, errorMarker, { value: "JsonSchemaConversionError" });
  }

  /** True for a JsonSchemaConversionError from any copy of this package. */
  static isInstance(value: unknown): value is JsonSchemaConversionError {
    return isCortexError(value, "JsonSchemaConversionError");
  }
}

type Schema = v.GenericSchema;
type Context = { root: JsonSchema; definitions: Map<string, Schema> };

function isObject(value: unknown): value is JsonSchema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function withMetadata(schema: Schema, node: JsonSchema): Schema {
  const metadata: v.PipeItem<unknown, unknown, v.BaseIssue<unknown>>[] = [];
  if (typeof node.title === "string") metadata.push(v.title(node.title));
  if (typeof node.description === "string") metadata.push(v.description(node.description));
  return metadata.length ? (v.pipe(schema, ...(metadata as [])) as Schema) : schema;
}

function stringSchema(node: JsonSchema): Schema {
  const actions: v.PipeItem<string, string, v.BaseIssue<unknown>>[] = [];
  if (typeof node.minLength === "number") actions.push(v.minLength(node.minLength));
  if (typeof node.maxLength === "number") actions.push(v.maxLength(node.maxLength));
  if (typeof node.pattern === "string") actions.push(v.regex(new RegExp(node.pattern, "u")));
  const formats: Record<string, v.PipeItem<string, string, v.BaseIssue<unknown>>> = {
    email: v.email(),
    "date-time": v.isoTimestamp(),
    date: v.isoDate(),
    time: v.isoTime(),
    uri: v.url(),
    url: v.url(),
    uuid: v.uuid(),
    ipv4: v.ipv4(),
    ipv6: v.ipv6(),
  };
  if (typeof node.format === "string" && formats[node.format]) actions.push(formats[node.format] as v.PipeItem<string, string, v.BaseIssue<unknown>>);
  return actions.length ? (v.pipe(v.string(), ...(actions as [])) as Schema) : v.string();
}

function numberSchema(node: JsonSchema, integer: boolean): Schema {
  const actions: v.PipeItem<number, number, v.BaseIssue<unknown>>[] = [];
  if (integer) actions.push(v.integer());
  if (typeof node.minimum === "number") actions.push(v.minValue(node.minimum));
  if (typeof node.maximum === "number") actions.push(v.maxValue(node.maximum));
  if (typeof node.exclusiveMinimum === "number") actions.push(v.gtValue(node.exclusiveMinimum));
  if (typeof node.exclusiveMaximum === "number") actions.push(v.ltValue(node.exclusiveMaximum));
  if (typeof node.multipleOf === "number") actions.push(v.multipleOf(node.multipleOf));
  return actions.length ? (v.pipe(v.number(), ...(actions as [])) as Schema) : v.number();
}

function convert(node: unknown, pointer: string, context: Context): Schema {
  if (node === true || (isObject(node) && Object.keys(node).every((key) => key === "title" || key === "description"))) {
    return isObject(node) ? withMetadata(v.unknown(), node) : v.unknown();
  }
  if (!isObject(node)) throw new JsonSchemaConversionError(pointer, "expected a schema object");
  if (typeof node.$ref === "string") {
    const ref = node.$ref;
    if (!ref.startsWith("#/")) throw new JsonSchemaConversionError(pointer, `only local $refs ("#/...") are supported, got "${ref}"`);
    const cached = context.definitions.get(ref);
    if (cached) return cached;
    let target: unknown = context.root;
    for (const part of ref.slice(2).split("/")) target = isObject(target) ? target[part.replace(/~1/g, "/").replace(/~0/g, "~")] : undefined;
    if (target === undefined) throw new JsonSchemaConversionError(pointer, `$ref "${ref}" points nowhere`);
    let resolved: Schema | undefined;
    const lazy = v.lazy(() => (resolved ??= convert(target, ref, context)));
    context.definitions.set(ref, lazy);
    return lazy;
  }
  if (Array.isArray(node.enum)) return withMetadata(v.union(node.enum.map((value) => v.literal(value as string | number | boolean))) as Schema, node);
  if ("const" in node) return withMetadata(v.literal(node.const as string | number | boolean), node);
  for (const key of ["anyOf", "oneOf"] as const) {
    const options = node[key];
    if (Array.isArray(options)) {
      return withMetadata(v.union(options.map((option, index) => convert(option, `${pointer}/${key}/${index}`, context))) as Schema, node);
    }
  }
  if (Array.isArray(node.allOf)) throw new JsonSchemaConversionError(pointer, "allOf is not supported; merge the schemas into one object");
  const types = Array.isArray(node.type) ? (node.type as string[]) : typeof node.type === "string" ? [node.type] : [];
  if (types.length === 0) {
    if (isObject(node.properties)) types.push("object");
    else if (node.items !== undefined) types.push("array");
    else throw new JsonSchemaConversionError(pointer, "no type: give it a \"type\" (string, number, integer, boolean, object, array, null)");
  }
  const schemas = types.map((type) => {
    switch (type) {
      case "string":
        return stringSchema(node);
      case "number":
        return numberSchema(node, false);
      case "integer":
        return numberSchema(node, true);
      case "boolean":
        return v.boolean();
      case "null":
        return v.null();
      case "array": {
        const item = node.items === undefined ? v.unknown() : convert(node.items, `${pointer}/items`, context);
        const actions: v.PipeItem<unknown[], unknown[], v.BaseIssue<unknown>>[] = [];
        if (typeof node.minItems === "number") actions.push(v.minLength(node.minItems));
        if (typeof node.maxItems === "number") actions.push(v.maxLength(node.maxItems));
        return actions.length ? (v.pipe(v.array(item), ...(actions as [])) as Schema) : v.array(item);
      }
      case "object": {
        const required = new Set(Array.isArray(node.required) ? (node.required as string[]) : []);
        const entries: Record<string, Schema> = {};
        for (const [name, property] of Object.entries(isObject(node.properties) ? node.properties : {})) {
          const converted = convert(property, `${pointer}/properties/${name}`, context);
          entries[name] = required.has(name) ? converted : (v.optional(converted) as Schema);
        }
        if (node.additionalProperties === false) return v.strictObject(entries);
        if (isObject(node.additionalProperties) && Object.keys(entries).length === 0) {
          return v.record(v.string(), convert(node.additionalProperties, `${pointer}/additionalProperties`, context));
        }
        return v.looseObject(entries);
      }
      default:
        throw new JsonSchemaConversionError(pointer, `unknown type "${type}"`);
    }
  });
  const [first] = schemas;
  return withMetadata(schemas.length === 1 && first ? first : (v.union(schemas) as Schema), node);
}

/**
 * A Valibot schema that checks what a JSON Schema describes (the common
 * subset: types, properties and required, enum and const, anyOf/oneOf,
 * string, number and array bounds, formats, local $refs). For response
 * models given as JSON Schema files (the CLI's `--schema file.json`).
 * Throws {@link JsonSchemaConversionError} naming the JSON pointer it cannot check.
 */
export function fromJsonSchema(schema: JsonSchema): v.GenericSchema {
  return convert(schema, "#", { root: schema, definitions: new Map() });
}

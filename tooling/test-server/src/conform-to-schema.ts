type Schema = {
  readonly type?: unknown;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly properties?: Record<string, Schema>;
  readonly required?: readonly string[];
  readonly items?: Schema;
  readonly anyOf?: readonly Schema[];
  readonly oneOf?: readonly Schema[];
};

function typeOf(schema: Schema): string | undefined {
  const type = schema.type;
  if (typeof type === "string") return type;
  if (Array.isArray(type)) return type.find((item) => item !== "null") as string | undefined;
  return schema.properties ? "object" : undefined;
}

function fits(value: unknown, type: string | undefined): boolean {
  switch (type) {
    case "object":
      return typeof value === "object" && value !== null && !Array.isArray(value);
    case "array":
      return Array.isArray(value);
    case "string":
      return typeof value === "string";
    case "integer":
      return Number.isInteger(value);
    case "number":
      return typeof value === "number";
    case "boolean":
      return typeof value === "boolean";
    case "null":
      return value === null;
    default:
      return value !== undefined;
  }
}

/**
 * What a server with constrained decoding makes of a value the model means:
 * shaped to the JSON Schema (enum and const values forced, keys outside
 * `properties` dropped, missing required keys made up, wrong types replaced).
 * Imitates a server that applies `json_schema` (or a forced tool's parameters).
 */
export function conformToSchema(value: unknown, schema: Schema | undefined): unknown {
  if (schema === undefined || typeof schema !== "object") return value;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum !== undefined) return schema.enum.includes(value) ? value : schema.enum[0];
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives !== undefined) {
    const first = alternatives.find((alternative) => fits(value, typeOf(alternative))) ?? alternatives[0];
    return conformToSchema(value, first);
  }
  const type = typeOf(schema);
  if (type === "object") {
    const source = fits(value, "object") ? (value as Record<string, unknown>) : {};
    const shaped: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(schema.properties ?? {})) {
      if (key in source || schema.required?.includes(key)) shaped[key] = conformToSchema(source[key], child);
    }
    return shaped;
  }
  if (type === "array") return Array.isArray(value) ? value.map((item) => conformToSchema(item, schema.items)) : [];
  if (fits(value, type)) return value;
  switch (type) {
    case "string":
      return "x";
    case "integer":
    case "number":
      return 1;
    case "boolean":
      return true;
    default:
      return null;
  }
}

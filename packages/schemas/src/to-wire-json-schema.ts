import { toJsonSchema } from "@valibot/to-json-schema";
import type { GenericSchema, GenericSchemaAsync } from "valibot";
import { findUnsupportedSchemas } from "./find-unsupported-schemas.js";
import type { JsonSchema } from "./json-schema.js";
import { UnsupportedSchemaError } from "./unsupported-schema-error.js";

const looseFormats: Record<string, string> = {
  iso_date_time: "Format: YYYY-MM-DDTHH:mm (no seconds, no time zone).",
  iso_time: "Format: HH:mm (24-hour).",
  iso_time_second: "Format: HH:mm:ss (24-hour).",
};

/** Any Valibot schema, sync or async, accepted as a response model. */
export type AnySchema = GenericSchema | GenericSchemaAsync;

/**
 * Converts a Valibot schema to the JSON Schema a model is shown.
 *
 * The model produces the *input* of the schema, so pipelines are described up
 * to their first transformation. Checks that JSON Schema cannot express
 * (`v.check`, custom refinements, async validators) are left out of the wire
 * schema on purpose: it may be looser, and the Valibot schema stays the final
 * authority when the answer is validated. Parts that cannot be described at
 * all throw an {@link UnsupportedSchemaError} naming each field path and fix.
 */
export function toWireJsonSchema(schema: AnySchema): JsonSchema {
  const unsupported = findUnsupportedSchemas(schema);
  if (unsupported.length > 0) throw new UnsupportedSchemaError(unsupported);
  let converted: JsonSchema;
  try {
    converted = toJsonSchema(schema as GenericSchema, {
      typeMode: "input",
      errorMode: "throw",
      overrideAction: (context) => {
        // Validations and transformations without a JSON Schema form stay in Valibot only.
        if (context.errors) return context.jsonSchema;
        // Valibot's isoDateTime ("2024-05-02T13:45", no seconds) and isoTime ("13:45") are looser than JSON Schema's
        // date-time and time formats (which need seconds and a zone): describe them instead, so a grammar or
        // strict server never forces an answer that Valibot then rejects.
        const loose = looseFormats[context.valibotAction.type];
        if (loose) {
          const { format: _format, ...rest } = context.jsonSchema;
          return { ...rest, description: [rest.description, loose].filter(Boolean).join(" ") };
        }
        return undefined;
      },
    }) as JsonSchema;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const schemaType = /The "([^"]+)" schema/.exec(message)?.[1] ?? "unknown";
    throw new UnsupportedSchemaError(
      [{ path: "(root)", schemaType, fix: `describe the value with JSON types (string, number, boolean, object, array). Converter said: ${message}` }],
      { cause: error },
    );
  }
  const { $schema: _ignored, ...wire } = converted;
  return wire;
}

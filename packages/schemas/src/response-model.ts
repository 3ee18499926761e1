import * as v from "valibot";
import type { JsonObjectSchema, JsonSchema } from "./json-schema.js";
import { type AnySchema, toWireJsonSchema } from "./to-wire-json-schema.js";

const marker = Symbol.for("@cortex-ml/schemas/ResponseModel");

/**
 * A Valibot schema prepared for a model: its wire JSON Schema (always an
 * object at the root, as tools and response formats require), a name for
 * tools and `json_schema` formats, and the schema that validates the answer.
 */
export interface ResponseModel<TSchema extends AnySchema = AnySchema> {
  readonly [marker]: true;
  /** Name sent as the tool / json_schema name (`^[a-zA-Z0-9_-]{1,64}$`). */
  readonly name: string;
  /** Description sent with the tool / json_schema, from `v.description` or options. */
  readonly description: string | undefined;
  /** The user's schema: the final authority on what is valid. */
  readonly schema: TSchema;
  /** The schema that validates the parsed answer (the user's schema, or `{ content }` around it). */
  readonly validationSchema: AnySchema;
  /** The JSON Schema the model is shown. */
  readonly jsonSchema: JsonObjectSchema;
  /** True when a non-object schema is sent as `{ content: T }` and unwrapped afterwards. */
  readonly wrapped: boolean;
  /** Turns a validated answer into the user's output (unwraps `{ content }`). */
  readonly unwrap: (validated: unknown) => v.InferOutput<TSchema>;
}

/** Options of {@link createResponseModel}. */
export interface ResponseModelOptions {
  /** Name for the tool / json_schema; defaults to the `v.title` of the schema, else `Response`. */
  readonly name?: string;
  /** Description for the tool / json_schema; defaults to the `v.description` of the schema. */
  readonly description?: string;
}

/** What a call accepts as its response model: a Valibot schema or a prepared {@link ResponseModel}. */
export type ResponseModelInput = AnySchema | ResponseModel;

/** The output type of a response model input. */
export type InferResponseModelOutput<T extends ResponseModelInput> = T extends ResponseModel<infer TSchema>
  ? v.InferOutput<TSchema>
  : T extends AnySchema
    ? v.InferOutput<T>
    : never;

function sanitizeName(name: string): string {
  const cleaned = name.replace(/[^a-zA-Z0-9_-]+/g, "_").replace(/^_+|_+$/g, "").slice(0, 64);
  return cleaned.length > 0 ? cleaned : "Response";
}

/**
 * Prepares a Valibot schema as a response model. Throws
 * `UnsupportedSchemaError` at once (not at request time) when part of the
 * schema cannot be described to a model.
 */
export function createResponseModel<TSchema extends AnySchema>(
  schema: TSchema,
  options: ResponseModelOptions = {},
): ResponseModel<TSchema> {
  const inner = toWireJsonSchema(schema);
  const title = typeof inner.title === "string" ? inner.title : undefined;
  const description = options.description ?? (typeof inner.description === "string" ? inner.description : undefined);
  const wrapped = inner.type !== "object";
  let jsonSchema: JsonObjectSchema;
  let validationSchema: AnySchema;
  if (wrapped) {
    const { $defs, definitions, ...content } = inner;
    jsonSchema = { type: "object", properties: { content }, required: ["content"] };
    if ($defs !== undefined) jsonSchema.$defs = $defs;
    if (definitions !== undefined) jsonSchema.definitions = definitions;
    validationSchema = schema.async ? v.objectAsync({ content: schema }) : v.object({ content: schema as v.GenericSchema });
  } else {
    jsonSchema = { properties: {}, ...inner, type: "object" } as JsonObjectSchema;
    validationSchema = schema;
  }
  return {
    [marker]: true,
    name: sanitizeName(options.name ?? title ?? "Response"),
    description,
    schema,
    validationSchema,
    jsonSchema,
    wrapped,
    unwrap: (validated) => (wrapped ? (validated as { content: unknown }).content : validated) as v.InferOutput<TSchema>,
  };
}

/** True when the value is a prepared {@link ResponseModel}. */
export function isResponseModel(value: unknown): value is ResponseModel {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[marker] === true;
}

const cache = new WeakMap<object, ResponseModel>();

/**
 * Returns the response model for a call: a prepared one as is, a Valibot
 * schema prepared once and cached (so repeated calls do not convert again).
 */
export function resolveResponseModel<T extends ResponseModelInput>(input: T): ResponseModel {
  if (isResponseModel(input)) return input;
  const cached = cache.get(input);
  if (cached) return cached;
  const model = createResponseModel(input as AnySchema);
  cache.set(input, model);
  return model;
}

/** A JSON Schema fragment, re-exported for convenience. */
export type { JsonSchema };

import * as v from "valibot";
import type { JsonObjectSchema } from "./json-schema.js";
import type { ResponseModel } from "./response-model.js";
import { restoreOptionalNulls, toStrictJsonSchema } from "./strict-json-schema.js";

const cache = new WeakMap<ResponseModel, ResponseModel>();

/**
 * The response model for a strict-mode provider (OpenAI structured outputs):
 * the wire schema rewritten by `toStrictJsonSchema`, and a validation schema
 * that first drops the nulls strict mode forces into optional fields, then
 * runs the user's schema unchanged.
 */
export function strictResponseModel(model: ResponseModel): ResponseModel {
  const cached = cache.get(model);
  if (cached) return cached;
  const original = model.jsonSchema;
  const restore = v.transform((value: unknown) => restoreOptionalNulls(value, original));
  const validationSchema = model.validationSchema.async
    ? v.pipeAsync(v.unknown(), restore, model.validationSchema)
    : v.pipe(v.unknown(), restore, model.validationSchema as v.GenericSchema);
  const strict: ResponseModel = {
    ...model,
    jsonSchema: toStrictJsonSchema(original) as JsonObjectSchema,
    validationSchema,
  };
  cache.set(model, strict);
  return strict;
}

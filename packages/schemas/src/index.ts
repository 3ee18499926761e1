export { errorMarker, isCortexError } from "./error-marker.js";
export { findUnsupportedSchemas } from "./find-unsupported-schemas.js";
export type { JsonObjectSchema, JsonSchema } from "./json-schema.js";
export {
  createResponseModel,
  isResponseModel,
  resolveResponseModel,
  type InferResponseModelOutput,
  type ResponseModel,
  type ResponseModelInput,
  type ResponseModelOptions,
} from "./response-model.js";
export { schemaFragmentAt } from "./schema-fragment.js";
export { type AnySchema, toWireJsonSchema } from "./to-wire-json-schema.js";
export { UnsupportedSchemaError, type UnsupportedSchemaPart } from "./unsupported-schema-error.js";
export { restoreOptionalNulls, toStrictJsonSchema } from "./strict-json-schema.js";
export { strictResponseModel } from "./strict-response-model.js";
export { isFound, type Maybe, maybe, maybeAsync } from "./maybe.js";
export { type IterableResponseModel, isIterableResponseModel, iterable } from "./iterable.js";
export { type UnionInput, type UnionMember, type UnionOutput, union, unionMembers } from "./union.js";
export { fromJsonSchema, JsonSchemaConversionError } from "./from-json-schema.js";

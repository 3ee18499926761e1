export {
  createResponseModel,
  isFound,
  type IterableResponseModel,
  iterable,
  type Maybe,
  maybe,
  maybeAsync,
  type InferResponseModelOutput,
  type ResponseModel,
  type ResponseModelInput,
  type UnionOutput,
  union,
  UnsupportedSchemaError,
} from "@cortex-ml/schemas";
export type { AttemptRecord, ValidationIssue } from "./attempt.js";
export type { Budget } from "./budget/budget.js";
export { examplePrices, type ModelPrice, type PriceTable } from "./budget/price-table.js";
export type { CachedAnswer, CacheStats, CacheStore } from "./cache/cache-store.js";
export type { CacheOption, CallCacheOption } from "./cache/client-cache.js";
export { memoryCacheStore, type MemoryCacheStoreOptions } from "./cache/memory-cache-store.js";
export { defaultCachePath, sqliteCacheStore, type SqliteCacheStoreOptions } from "./cache/sqlite-cache-store.js";
export { buildMessages, type BuildMessagesInput, type UserContentPart } from "./build-messages.js";
export type { InputOf, OutputOf, PassThroughParams, StructuredChatOptions, StructuredChatResult } from "./call-options.js";
export type { CassetteMode, CassetteOptions } from "./cassette/cassette-settings.js";
export type { ClientDefaults, InstructorOptions } from "./client-options.js";
export { createInstructor } from "./create-instructor.js";
export {
  type CallRequestOptions,
  type InstructorClient,
  type InstructorCompletions,
  isInstructorClient,
  notAClientError,
} from "./instructor-client.js";
export { type CreateIterableOptions, createIterable } from "./create-iterable.js";
export { type CreatePartialOptions, createPartial, type PartialEventOf } from "./create-partial.js";
export { defaultBaseURL } from "./defaults.js";
export * from "./errors/index.js";
export { fromOpenAI, type FromOpenAIOptions } from "./from-openai.js";
export { ensureModel } from "./ensure-model.js";
export type { CacheEvent, HookAttempt, HookEvent, HookName, Hooks } from "./hooks.js";
export type { Logger } from "./logger.js";
export { listModels } from "./list-models.js";
export type { ImageInput } from "./messages/image-part.js";
export { type FromProviderOptions, fromProvider } from "./providers/from-provider.js";
export type { ProviderDefinition } from "./providers/provider-definition.js";
export { getProvider, providerNames, registerProvider } from "./providers/provider-registry.js";
export { Mode, type WireMode } from "./modes/mode.js";
export { forgetModeCapabilities } from "./auto-mode/capability-memory.js";
export type { ConstraintStatus, ModeCapabilities } from "./auto-mode/mode-capabilities.js";
export type { RepairKind, Repairs } from "./repair/repair-kinds.js";
export type { TelemetryOptions } from "./telemetry/telemetry-options.js";
export type { JsonPath } from "./partial-json/index.js";
export type { StreamLimits } from "./streaming/partial-observer.js";
export type { DeepPartial, FinalSnapshot, PartialEvent, PartialSnapshot } from "./streaming/partial-types.js";
export type { StreamingOptions } from "./streaming/streaming-program.js";
export { structuredChat, structuredChatWithMetadata } from "./structured-chat.js";
export { planStructuredRequest, type StructuredAnswerVerdict, type StructuredRequestPlan } from "./structured-request.js";
export type { TokenUsage } from "./token-usage.js";
export { recordValidatorUsage } from "./validator-usage.js";
export type { ChatTransport, TransportRequestOptions } from "./transport/chat-transport.js";
export type { TransportRetryPolicy } from "./transport/transport-retry-schedule.js";

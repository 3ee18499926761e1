export {
  createResponseModel,
  type InferResponseModelOutput,
  type ResponseModel,
  type ResponseModelInput,
  UnsupportedSchemaError,
} from "@cortex-ml/schemas";
export type { AttemptRecord, ValidationIssue } from "./attempt.js";
export { buildMessages, type BuildMessagesInput } from "./build-messages.js";
export type { OutputOf, PassThroughParams, StructuredChatOptions, StructuredChatResult } from "./call-options.js";
export type { ClientDefaults, InstructorOptions } from "./client-options.js";
export { createInstructor, type InstructorClient } from "./create-instructor.js";
export { clientDefaults, defaultBaseURL, defaultOllamaBaseURL } from "./defaults.js";
export * from "./errors/index.js";
export { fromOpenAI, type FromOpenAIOptions, type InstructorCompletions, type InstructorOpenAI } from "./from-openai.js";
export { listModels } from "./list-models.js";
export { Mode, type ModeStrategy } from "./modes/mode.js";
export { redact } from "./redact.js";
export { structuredChat, structuredChatWithMetadata } from "./structured-chat.js";
export type { TokenUsage } from "./token-usage.js";
export type { ChatTransport, TransportRequestOptions } from "./transport/chat-transport.js";
export { defaultTransportRetryPolicy, type TransportRetryPolicy } from "./transport/transport-retry-schedule.js";

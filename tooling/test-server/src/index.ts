export type {
  CompletionReply,
  RawReply,
  ResetReply,
  ScriptedReply,
  ScriptedToolCall,
  StatusReply,
  StreamReply,
  TokenUsage,
} from "./scripted-reply.js";
export { completion, type CompletionExtra } from "./completion.js";
export { toolCallCompletion, type ToolCallCompletionExtra, type ToolCallInput } from "./tool-call-completion.js";
export { statusReply } from "./status-reply.js";
export { ollamaModelNotFound } from "./ollama-model-not-found.js";
export { resetReply } from "./reset-reply.js";
export { streamReply, type StreamReplyOptions } from "./stream-reply.js";
export { contentDeltaChunks, type ContentDeltaChunksOptions } from "./content-delta-chunks.js";
export { MAX_BODY_BYTES } from "./read-body.js";
export { stopWhenParentGone } from "./parent-gone.js";
export {
  startTestServer,
  type RecordedRequest,
  type TestServer,
  type TestServerOptions,
} from "./test-server.js";
export { type TestHooks, useTestServer } from "./use-test-server.js";
export { type StreamedToolCall, toolCallDeltaChunks, toolCallsDeltaChunks, wholeToolCallChunks } from "./tool-call-chunks.js";
export { type RedisServer, type RedisServerOptions, startRedisServer } from "./redis-server.js";
export { type BatchItemRequestSeen, type BatchItemScript, scriptedUsage } from "./batch-api-answers.js";
export { type BatchApiRequest, type BatchApiServer, type BatchApiServerOptions, type LoopbackBatch, startBatchApiServer } from "./batch-api-server.js";
export { type ConstraintBehaviour, imitateServer, type ServerBehaviour } from "./imitate-server.js";
export { isModeProbe, type ProbeAnswer, probeReply } from "./mode-probe.js";
export { conformToSchema } from "./conform-to-schema.js";

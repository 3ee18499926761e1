/** Token usage as reported in an OpenAI chat-completions response. */
export interface TokenUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

/** One tool call of a scripted completion; `arguments` is the raw JSON text the model "wrote". */
export interface ScriptedToolCall {
  id?: string;
  name: string;
  arguments: string;
}

/** A successful `chat.completion` answer (auto-converted to SSE when the request asks for `stream: true`). */
export interface CompletionReply {
  kind: "completion";
  content?: string | null;
  toolCalls?: ScriptedToolCall[];
  finishReason?: string;
  usage?: TokenUsage;
  reasoning?: string;
  /** The thinking as vLLM and DeepSeek send it (`message.reasoning_content`). */
  reasoningContent?: string;
  refusal?: string | null;
  model?: string;
  delayMs?: number;
}

/** An HTTP status with a JSON body, e.g. `{ error: { message, type } }`. */
export interface StatusReply {
  kind: "status";
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
}

/** An arbitrary body with an arbitrary content type (default `text/plain; charset=utf-8`, status 200). */
export interface RawReply {
  kind: "raw";
  status?: number;
  headers?: Record<string, string>;
  body: string;
  delayMs?: number;
  /** Send only this many bytes of the body (headers declare the whole length), then destroy the socket. */
  cutAfterBytes?: number;
  /** Send the body this many bytes at a time (chunked, no content-length), waiting `dripDelayMs` between writes. */
  dripBytes?: number;
  dripDelayMs?: number;
}

/** Destroy the socket without answering. */
export interface ResetReply {
  kind: "reset";
}

/**
 * A server-sent-events answer. Object chunks are sent as `data: <json>\n\n`, string chunks verbatim,
 * then `data: [DONE]\n\n` unless `done === false`.
 * `cutAfter`: destroy the socket after N chunks; `stallAfter`: after N chunks send nothing more but keep
 * the socket open until the server closes. `chunkDelayMs` is waited between two writes.
 */
export interface StreamReply {
  kind: "stream";
  chunks: Array<unknown | string>;
  done?: boolean;
  chunkDelayMs?: number;
  cutAfter?: number;
  stallAfter?: number;
}

/** Everything the test server can be scripted to answer to one chat-completions request. */
export type ScriptedReply = CompletionReply | StatusReply | RawReply | ResetReply | StreamReply;

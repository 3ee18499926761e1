import type { ResponseModel } from "@cortex-ml/schemas";
import type { StreamedJsonReader } from "../streaming/json-delta-text.js";
import type {
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionMessage,
  ChatCompletionMessageParam,
} from "openai/resources/chat/completions";

/** How the response model is asked for on the wire. */
export const Mode = {
  /** `response_format: json_object`, the schema in the system message. Ollama: `format: "json"`. */
  JSON: "json",
  /** `response_format: json_schema`: constrained decoding on Ollama, structured outputs on OpenAI. */
  JSON_SCHEMA: "json_schema",
  /** The schema in the prompt; the JSON is read from a fenced ```json block. Works with any model. */
  MD_JSON: "md_json",
  /** One function tool and a forced `tool_choice`; a plain-text JSON answer is still read. */
  TOOLS: "tools",
  /**
   * One tool per member of `iterable(union({...}))` (or one tool for `iterable(Schema)`),
   * `tool_choice: "auto"`: the model may call several at once; each call is validated against its own schema.
   */
  PARALLEL_TOOLS: "parallel_tools",
  /**
   * Learn what the endpoint+model honours (one cheap probe, once per process),
   * use the strongest mode that works (JSON_SCHEMA, TOOLS, JSON, MD_JSON), and
   * switch to the next one when an answer shows the constraint was dropped.
   * The default of the local-server providers (ollama, lmstudio, vllm, llamacpp, local).
   */
  AUTO: "auto",
} as const;

/** One of the {@link Mode} values. */
export type Mode = (typeof Mode)[keyof typeof Mode];

/** A mode that is sent on the wire as it is: every mode but {@link Mode.AUTO}. */
export type WireMode = Exclude<Mode, "auto">;

/** The request fields a mode decides. */
export type ModeRequest = Pick<ChatCompletionCreateParamsNonStreaming, "messages" | "response_format" | "tools" | "tool_choice">;

/** The model's answer as a mode reads it. */
export interface ModeOutput {
  /** The JSON text, or undefined when the answer had none. */
  readonly text: string | undefined;
  /** The tool call that carried it, in TOOLS mode. */
  readonly toolCallId: string | undefined;
}

/** Settings a mode takes from the call. */
export interface ModeSettings {
  /** Also put the schema in the system message where the mode does not need it there. */
  readonly schemaInPrompt: boolean;
  /** Ask for strict schema adherence (OpenAI structured outputs): `strict: true` on json_schema and tools. */
  readonly strict: boolean;
}

/**
 * One mode as a strategy: how to build its request, how to read the JSON out
 * of a completion, how to phrase a re-ask. Adding a mode means adding one file.
 */
export interface ModeStrategy {
  readonly mode: WireMode;
  /** Can ask for strict schema adherence (`strict: true`), used for providers with strict structured outputs. */
  readonly supportsStrict: boolean;
  /** Needs an `iterable(...)` response model (one element per tool call). */
  readonly needsIterable: boolean;
  /**
   * Makes the reader of one streamed attempt's JSON text; undefined when the
   * answer is not one JSON document (one tool call per element), so it can
   * only stream element by element (`createIterable`).
   */
  readonly streamedJson: (() => StreamedJsonReader) | undefined;
  buildRequest(model: ResponseModel, messages: readonly ChatCompletionMessageParam[], settings: ModeSettings): ModeRequest;
  readOutput(model: ResponseModel, message: ChatCompletionMessage): ModeOutput;
  /** The messages appended after a failed answer: the answer itself, then the feedback. */
  reaskMessages(message: ChatCompletionMessage, output: ModeOutput, feedback: string): ChatCompletionMessageParam[];
}

import { InvalidArgumentError } from "@cortex-ml/core";
import type { ChatHistoryItem } from "node-llama-cpp";
import type { ChatCompletionCreateParamsNonStreaming } from "openai/resources/chat/completions";
import { toChatHistory } from "./to-chat-history.js";

/** One function the model may call. */
export interface ToolSpec {
  readonly name: string;
  readonly parameters: unknown;
}

/** What the answer must look like, enforced by a grammar (or not at all, for text). */
export type OutputConstraint =
  | { readonly kind: "text" }
  | { readonly kind: "json" }
  | { readonly kind: "schema"; readonly schema: unknown }
  | { readonly kind: "tool"; readonly tool: ToolSpec }
  | { readonly kind: "tools"; readonly tools: readonly ToolSpec[] };

/** A chat-completions request, read into what the engine runs. */
export interface GenerationPlan {
  readonly history: ChatHistoryItem[];
  readonly constraint: OutputConstraint;
  /** From `max_completion_tokens` or `max_tokens`, when the request sets one. */
  readonly maxTokens: number | undefined;
  readonly temperature: number | undefined;
  readonly seed: number | undefined;
  readonly topP: number | undefined;
  readonly stop: readonly string[];
  readonly frequencyPenalty: number | undefined;
  readonly presencePenalty: number | undefined;
  /** False when the request turns thinking off (`chat_template_kwargs.enable_thinking: false`, as llama.cpp's and vLLM's servers read it). */
  readonly thinking: boolean;
}

/** The modes this reader understands, for error messages. */
export const supportedRequestShapes =
  'response_format {type: "json_schema"} (Mode.JSON_SCHEMA) or {type: "json_object"} (Mode.JSON), one forced function tool (Mode.TOOLS), several tools with tool_choice "auto" or "required" (Mode.PARALLEL_TOOLS), or plain text (Mode.MD_JSON)';

function invalid(argument: string, problem: string): InvalidArgumentError {
  return new InvalidArgumentError({ argument, problem });
}

function optionalNumber(body: Record<string, unknown>, key: string, check: (value: number) => boolean, rule: string): number | undefined | InvalidArgumentError {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value) || !check(value)) return invalid(key, `expected ${rule}, got ${JSON.stringify(value)}.`);
  return value;
}

function readTools(body: ChatCompletionCreateParamsNonStreaming): readonly ToolSpec[] | InvalidArgumentError {
  const tools: ToolSpec[] = [];
  for (const tool of body.tools ?? []) {
    if (tool.type !== "function") return invalid("tools", `only function tools are supported, got a "${tool.type}" tool.`);
    tools.push({ name: tool.function.name, parameters: tool.function.parameters ?? { type: "object", properties: {} } });
  }
  return tools;
}

function readConstraint(body: ChatCompletionCreateParamsNonStreaming): OutputConstraint | InvalidArgumentError {
  const tools = readTools(body);
  if (tools instanceof InvalidArgumentError) return tools;
  const choice = body.tool_choice;
  if (tools.length > 0 && choice !== "none") {
    if (choice === undefined || choice === "auto" || choice === "required") return { kind: "tools", tools };
    if (typeof choice === "object" && choice.type === "function") {
      const tool = tools.find((candidate) => candidate.name === choice.function.name);
      if (!tool) return invalid("tool_choice", `it forces "${choice.function.name}", which is not one of the tools (${tools.map((t) => t.name).join(", ")}).`);
      return { kind: "tool", tool };
    }
    return invalid("tool_choice", `${JSON.stringify(choice)} is not supported. Supported: ${supportedRequestShapes}.`);
  }
  const format = body.response_format;
  if (format === undefined || format === null || format.type === "text") return { kind: "text" };
  if (format.type === "json_object") return { kind: "json" };
  if (format.type === "json_schema") {
    const schema = format.json_schema?.schema;
    return schema === undefined ? { kind: "json" } : { kind: "schema", schema };
  }
  return invalid("response_format", `type "${(format as { type: string }).type}" is not supported. Supported: ${supportedRequestShapes}.`);
}

/** `chat_template_kwargs.enable_thinking`: true unless the request sets it to false. */
function readThinking(kwargs: unknown): boolean | InvalidArgumentError {
  if (kwargs === undefined || kwargs === null) return true;
  if (typeof kwargs !== "object" || Array.isArray(kwargs)) return invalid("chat_template_kwargs", `expected an object, got ${JSON.stringify(kwargs)}.`);
  const enable = (kwargs as Record<string, unknown>).enable_thinking;
  if (enable === undefined || enable === null) return true;
  if (typeof enable !== "boolean") return invalid("chat_template_kwargs.enable_thinking", `expected true or false, got ${JSON.stringify(enable)}.`);
  return enable;
}

/**
 * Reads an OpenAI chat-completions body (as cortex-ml's modes build it) into
 * a {@link GenerationPlan}: the chat history, the output constraint, the
 * sampling settings. Anything the local engine cannot honour is an
 * InvalidArgumentError naming the field.
 */
export function readChatRequest(body: ChatCompletionCreateParamsNonStreaming): GenerationPlan | InvalidArgumentError {
  const fields = body as unknown as Record<string, unknown>;
  const history = toChatHistory(body.messages);
  if (history instanceof InvalidArgumentError) return history;
  const constraint = readConstraint(body);
  if (constraint instanceof InvalidArgumentError) return constraint;
  const count = optionalNumber(fields, "n", (value) => value === 1, "1 (one choice per request)");
  if (count instanceof InvalidArgumentError) return count;
  const positiveInteger = (value: number) => Number.isInteger(value) && value > 0;
  const maxCompletionTokens = optionalNumber(fields, "max_completion_tokens", positiveInteger, "a positive integer");
  if (maxCompletionTokens instanceof InvalidArgumentError) return maxCompletionTokens;
  const maxTokens = optionalNumber(fields, "max_tokens", positiveInteger, "a positive integer");
  if (maxTokens instanceof InvalidArgumentError) return maxTokens;
  const temperature = optionalNumber(fields, "temperature", (value) => value >= 0 && value <= 2, "a number from 0 to 2");
  if (temperature instanceof InvalidArgumentError) return temperature;
  const seed = optionalNumber(fields, "seed", Number.isInteger, "an integer");
  if (seed instanceof InvalidArgumentError) return seed;
  const topP = optionalNumber(fields, "top_p", (value) => value > 0 && value <= 1, "a number in (0, 1]");
  if (topP instanceof InvalidArgumentError) return topP;
  const penalty = (value: number) => value >= -2 && value <= 2;
  const frequencyPenalty = optionalNumber(fields, "frequency_penalty", penalty, "a number from -2 to 2");
  if (frequencyPenalty instanceof InvalidArgumentError) return frequencyPenalty;
  const presencePenalty = optionalNumber(fields, "presence_penalty", penalty, "a number from -2 to 2");
  if (presencePenalty instanceof InvalidArgumentError) return presencePenalty;
  const stop = body.stop;
  if (stop !== undefined && stop !== null && typeof stop !== "string" && !(Array.isArray(stop) && stop.every((item) => typeof item === "string"))) {
    return invalid("stop", "expected a string or an array of strings.");
  }
  const thinking = readThinking(fields.chat_template_kwargs);
  if (thinking instanceof InvalidArgumentError) return thinking;
  return {
    history,
    constraint,
    thinking,
    maxTokens: maxCompletionTokens ?? maxTokens,
    temperature,
    // llama.cpp seeds are unsigned 32-bit.
    seed: seed === undefined ? undefined : seed >>> 0,
    topP,
    stop: typeof stop === "string" ? [stop] : (stop ?? []).filter((item) => item.length > 0),
    frequencyPenalty,
    presencePenalty,
  };
}

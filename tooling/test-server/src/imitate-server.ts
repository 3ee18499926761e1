import { conformToSchema } from "./conform-to-schema.js";
import type { RecordedRequest } from "./test-server.js";
import type { ScriptedReply } from "./scripted-reply.js";

/** What a server does with one kind of constraint: apply it, ignore it (the model writes freely), or refuse the request (HTTP 400). */
export type ConstraintBehaviour = "honour" | "ignore" | "reject";

/** How an imitated OpenAI-compatible server (and its model) treats structured-output requests. */
export interface ServerBehaviour {
  /** `response_format: {type: "json_schema"}`. Default "honour" (Ollama 0.5+, vLLM, llama.cpp, LM Studio). */
  readonly jsonSchema?: ConstraintBehaviour;
  /** `response_format: {type: "json_object"}`. Default "honour" (LM Studio: "reject"). */
  readonly jsonObject?: ConstraintBehaviour;
  /** A forced `tool_choice` with tools. Default "honour" (Ollama: "ignore"). */
  readonly toolChoice?: "honour" | "ignore";
  /** How the model shows its thinking: a `reasoning` field (Ollama), a `reasoning_content` field (vLLM), `<think>` tags in the content, or not at all (default). */
  readonly thinking?: "reasoning" | "reasoning_content" | "tags" | undefined;
  /** The JSON value the model means to answer (shaped to the schema when a constraint applies). Default `{}`. */
  readonly answer?: unknown;
  /** The value meant for each request instead, from the request and the how-manyth request it is (from 0). */
  readonly answerFor?: (request: RecordedRequest, index: number) => unknown;
  /**
   * What the model writes when nothing constrains it, from the JSON text of
   * its answer. Default: prose around the JSON (`Sure! Here it is: {...} Let me know...`).
   */
  readonly freeText?: (json: string, request: RecordedRequest, index: number) => string;
}

interface RequestBody {
  readonly response_format?: { readonly type?: string; readonly json_schema?: { readonly schema?: unknown } };
  readonly tools?: ReadonlyArray<{ readonly type?: string; readonly function?: { readonly name?: string; readonly parameters?: unknown } }>;
  readonly tool_choice?: unknown;
}

const defaultFreeText = (json: string) => `Sure! Here it is: ${json} Let me know if you need anything else.`;

function forcedTool(body: RequestBody): { name: string; parameters: unknown } | undefined {
  const choice = body.tool_choice as { type?: string; function?: { name?: string } } | undefined;
  if (typeof choice !== "object" || choice === null || choice.type !== "function") return undefined;
  const tool = body.tools?.find((candidate) => candidate.function?.name === choice.function?.name);
  return tool?.function?.name === undefined ? undefined : { name: tool.function.name, parameters: tool.function.parameters };
}

function rejected(what: string): ScriptedReply {
  return { kind: "status", status: 400, body: { error: { message: `${what} is not supported by this server`, type: "invalid_request_error" } } };
}

/**
 * A test server `fallback` that answers like a real server with the given
 * behaviour: a constraint it honours shapes the answer (constrained
 * decoding), one it ignores lets the model write freely (prose around the
 * JSON by default), one it rejects is an HTTP 400; thinking goes in a
 * reasoning field or in `<think>` tags before the content.
 *
 * @example
 * // Old Ollama: no json_schema, tool_choice ignored, format "json" works.
 * const server = await startTestServer({ fallback: imitateServer({ jsonSchema: "ignore", toolChoice: "ignore", answer: { name: "John" } }) });
 */
export function imitateServer(behaviour: ServerBehaviour): (request: RecordedRequest) => ScriptedReply {
  let index = 0;
  return (request) => {
    const number = index;
    index += 1;
    const body = (request.body ?? {}) as RequestBody;
    const meant = behaviour.answerFor ? behaviour.answerFor(request, number) : (behaviour.answer ?? {});
    const thinking = behaviour.thinking;
    const thought = "The user wants JSON {like this}; I will answer with the object.";
    const content = (text: string): ScriptedReply => ({
      kind: "completion",
      content: thinking === "tags" ? `<think>${thought}</think>\n${text}` : text,
      ...(thinking === "reasoning" ? { reasoning: thought } : {}),
      ...(thinking === "reasoning_content" ? { reasoningContent: thought } : {}),
    });
    const tool = forcedTool(body);
    if (tool !== undefined && (behaviour.toolChoice ?? "honour") === "honour") {
      return { kind: "completion", content: null, toolCalls: [{ name: tool.name, arguments: JSON.stringify(conformToSchema(meant, tool.parameters as never)) }] };
    }
    const free = () => content((behaviour.freeText ?? defaultFreeText)(JSON.stringify(meant), request, number));
    const format = body.response_format?.type;
    if (format === "json_schema") {
      const how = behaviour.jsonSchema ?? "honour";
      if (how === "reject") return rejected("response_format json_schema");
      if (how === "ignore") return free();
      return content(JSON.stringify(conformToSchema(meant, body.response_format?.json_schema?.schema as never)));
    }
    if (format === "json_object") {
      const how = behaviour.jsonObject ?? "honour";
      if (how === "reject") return rejected("response_format json_object");
      if (how === "ignore") return free();
      return content(JSON.stringify(meant));
    }
    return free();
  };
}

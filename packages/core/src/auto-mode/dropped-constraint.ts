import type { JsonSchema } from "@cortex-ml/schemas";
import type { ChatCompletionMessage } from "openai/resources/chat/completions";
import { Mode, type ModeOutput, type WireMode } from "../modes/mode.js";
import { showsReasoning, withoutThinking } from "./thinking.js";

/** What one answer shows about its mode's constraint. */
export interface ConstraintCheck {
  /** True: applied; false: dropped; undefined: the answer cannot tell (empty, or a mode with no server constraint). */
  readonly honoured: boolean | undefined;
  /** Why it counts as dropped, for the log. */
  readonly reason: string | undefined;
  /** The answer shows thinking (kept out of the JSON). */
  readonly reasoning: boolean;
}

type SchemaNode = JsonSchema & { properties?: Record<string, SchemaNode>; items?: SchemaNode; additionalProperties?: unknown; type?: unknown };

/** The path of the first key the value has and its JSON Schema does not declare, where the schema closes its objects. */
export function keyOutsideSchema(value: unknown, schema: SchemaNode | undefined, path = ""): string | undefined {
  if (schema === undefined || typeof schema !== "object" || value === null || typeof value !== "object") return undefined;
  if (Array.isArray(value)) {
    const items = schema.items;
    if (items === undefined || typeof items !== "object") return undefined;
    for (let index = 0; index < value.length; index += 1) {
      const found = keyOutsideSchema(value[index], items, `${path}[${index}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  const properties = schema.properties;
  if (properties === undefined || typeof properties !== "object") return undefined;
  const open = schema.additionalProperties !== undefined && schema.additionalProperties !== false;
  for (const key of Object.keys(value)) {
    const child = Object.hasOwn(properties, key) ? properties[key] : undefined;
    if (child === undefined) {
      if (!open) return path === "" ? key : `${path}.${key}`;
      continue;
    }
    const found = keyOutsideSchema((value as Record<string, unknown>)[key], child, path === "" ? key : `${path}.${key}`);
    if (found !== undefined) return found;
  }
  return undefined;
}

function parsedWhole(text: string): { readonly ok: true; readonly value: unknown } | { readonly ok: false } {
  const trimmed = text.trim();
  const first = trimmed[0];
  if (first !== "{" && first !== "[") return { ok: false };
  try {
    return { ok: true, value: JSON.parse(trimmed) };
  } catch {
    return { ok: false };
  }
}

/**
 * Checks whether a server applied the constraint of `mode` to an answer:
 * under JSON_SCHEMA the content (after any thinking) must be one JSON
 * document with no key outside the schema; under JSON, one JSON document
 * with no prose around it; under TOOLS, a tool call. Thinking (a reasoning
 * field or a leading `<think>` block) is allowed: free to think, strict to answer.
 */
export function checkConstraint(mode: WireMode, schema: JsonSchema, message: ChatCompletionMessage, output: ModeOutput): ConstraintCheck {
  const reasoning = showsReasoning(message);
  if (mode === Mode.TOOLS) {
    const called = output.toolCallId !== undefined;
    return { honoured: called, reason: called ? undefined : "no tool call under a forced tool_choice", reasoning };
  }
  if (mode !== Mode.JSON_SCHEMA && mode !== Mode.JSON) return { honoured: undefined, reason: undefined, reasoning };
  const content = withoutThinking(message.content ?? "");
  if (content.trim() === "") return { honoured: undefined, reason: undefined, reasoning };
  const parsed = parsedWhole(content);
  if (!parsed.ok) return { honoured: false, reason: "text around the JSON (or no JSON at all)", reasoning };
  if (mode === Mode.JSON_SCHEMA) {
    const outside = keyOutsideSchema(parsed.value, schema as SchemaNode);
    if (outside !== undefined) return { honoured: false, reason: `key "${outside}" is not in the schema`, reasoning };
  }
  return { honoured: true, reason: undefined, reasoning };
}

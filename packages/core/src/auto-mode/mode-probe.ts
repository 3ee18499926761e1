import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming } from "openai/resources/chat/completions";
import type { TransportError } from "../errors/index.js";
import { Mode } from "../modes/mode.js";
import { type ModeCapabilities, unknownCapabilities, withFact } from "./mode-capabilities.js";
import { showsReasoning, withoutThinking } from "./thinking.js";

/** The one key the probe's schema allows, with its one value: no model writes it unless the schema is enforced. */
const probeKey = "cortex_probe";
const probeValue = "ok";

/** Tokens the probe may use: an enforced answer takes about 8; an ignored one shows itself in its first words. */
export const probeMaxTokens = 64;

const probeSchema = {
  type: "object",
  properties: { [probeKey]: { type: "string", enum: [probeValue] } },
  required: [probeKey],
  additionalProperties: false,
} as const;

/**
 * The probe: one short request in JSON_SCHEMA mode whose prompt says nothing
 * of the schema ("Say hello."). A server that enforces `json_schema` can only
 * answer `{"cortex_probe":"ok"}`; one that ignores it answers prose or some
 * other JSON. The answer also shows whether the model thinks.
 */
export function probeRequest(model: string): ChatCompletionCreateParamsNonStreaming {
  return {
    model,
    messages: [{ role: "user", content: "Say hello." }],
    response_format: { type: "json_schema", json_schema: { name: probeKey, schema: probeSchema, strict: true } },
    temperature: 0,
    max_tokens: probeMaxTokens,
  };
}

/**
 * What the probe's answer shows: JSON_SCHEMA honoured (the probe object),
 * dropped (anything else), or nothing when the answer was cut or empty
 * (a model still thinking when the token limit hit); thinking either way.
 */
export function judgeProbe(completion: ChatCompletion): ModeCapabilities {
  const choice = completion.choices[0];
  const message = choice?.message;
  if (message === undefined) return unknownCapabilities;
  const reasoning = showsReasoning(message);
  const content = withoutThinking(message.content ?? "").trim();
  if (content === "") return withFact(unknownCapabilities, { reasoning });
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch {
    // A cut answer that is still the probe object's beginning proves nothing either way.
    if (choice?.finish_reason === "length" && `{"${probeKey}":"${probeValue}"}`.startsWith(content.replace(/\s+/g, ""))) {
      return withFact(unknownCapabilities, { reasoning });
    }
    return withFact(unknownCapabilities, { mode: Mode.JSON_SCHEMA, status: "dropped", reasoning });
  }
  const honoured =
    typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length === 1 && (value as Record<string, unknown>)[probeKey] === probeValue;
  return withFact(unknownCapabilities, { mode: Mode.JSON_SCHEMA, status: honoured ? "honoured" : "dropped", reasoning });
}

/**
 * What a failed probe shows: a server that refuses the request (HTTP 400 or
 * 422: it does not take `json_schema`) dropped it; any other failure (down,
 * unknown model, overloaded) shows nothing, and the call itself will meet it.
 */
export function judgeProbeFailure(error: TransportError): ModeCapabilities | undefined {
  if (error._tag === "ApiError" && (error.status === 400 || error.status === 422)) {
    return withFact(unknownCapabilities, { mode: Mode.JSON_SCHEMA, status: "dropped" });
  }
  if (error._tag === "InvalidArgumentError") return withFact(unknownCapabilities, { mode: Mode.JSON_SCHEMA, status: "dropped" });
  return undefined;
}

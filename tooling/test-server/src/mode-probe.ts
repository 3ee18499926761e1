import type { ScriptedReply } from "./scripted-reply.js";

/** The name cortex-ml's mode-"auto" probe gives its `json_schema` (core's `auto-mode/mode-probe.ts`). */
const probeSchemaName = "cortex_probe";

/** How the server answers mode-"auto" probes apart from the script: as a server that applies `json_schema`, or one that ignores it. */
export type ProbeAnswer = "honour" | "ignore";

/**
 * Whether a chat-completions body is cortex-ml's mode-"auto" probe: the short
 * request, sent once per endpoint+model, that checks whether the server
 * applies a `json_schema` response format.
 */
export function isModeProbe(body: unknown): boolean {
  if (typeof body !== "object" || body === null) return false;
  const format = (body as { response_format?: { type?: unknown; json_schema?: { name?: unknown } } }).response_format;
  return format?.type === "json_schema" && format.json_schema?.name === probeSchemaName;
}

/** The probe's answer from a server that applies `json_schema` (the only object its schema allows) or ignores it (prose). */
export function probeReply(answer: ProbeAnswer): ScriptedReply {
  return answer === "honour"
    ? { kind: "completion", content: '{"cortex_probe":"ok"}' }
    : { kind: "completion", content: "Hello! How can I help you today?" };
}

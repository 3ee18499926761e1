import type { ScriptedReply } from "./scripted-reply.js";
import { statusReply } from "./status-reply.js";

/** The 404 Ollama's OpenAI-compatible endpoint answers for a model that has not been pulled. */
export function ollamaModelNotFound(model: string): ScriptedReply {
  return statusReply(404, {
    error: {
      message: `model "${model}" not found, try pulling it first`,
      type: "api_error",
      param: null,
      code: null,
    },
  });
}

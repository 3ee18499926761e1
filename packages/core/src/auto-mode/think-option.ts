import { InvalidArgumentError } from "../errors/index.js";
import type { ProviderDefinition } from "../providers/provider-definition.js";

const none: Readonly<Record<string, unknown>> = {};

/**
 * The request fields of a call's `think` option: `think: false` becomes the
 * provider's own switch (`reasoning_effort: "none"` on Ollama's
 * OpenAI-compatible endpoint, `chat_template_kwargs.enable_thinking: false`
 * on vLLM and llama.cpp); `think: true` sends nothing (thinking models think
 * by default). A provider with no known switch gets an error naming the field
 * to send instead, never a silently ignored option.
 */
export function thinkingFields(provider: ProviderDefinition | undefined, think: unknown): Readonly<Record<string, unknown>> | InvalidArgumentError {
  if (typeof think !== "boolean") {
    return new InvalidArgumentError({ argument: "think", problem: `expected true or false, got ${JSON.stringify(think)}.` });
  }
  if (think) return none;
  if (provider?.thinkingOff !== undefined) return provider.thinkingOff;
  const where = provider === undefined ? "this client has no provider, so" : `provider "${provider.name}" has no known switch, so`;
  return new InvalidArgumentError({
    argument: "think",
    problem: `${where} think: false cannot be sent. Use fromProvider("ollama/<model>") (or vllm, llamacpp, local), or send the server's own field: reasoning_effort: "none" (Ollama), chat_template_kwargs: { enable_thinking: false } (vLLM, llama.cpp, the local provider).`,
  });
}

import { InvalidArgumentError, type InstructorClient } from "@cortex-ml/core";
import { anthropicBatchProvider } from "./anthropic-batch-provider.js";
import type { BatchProvider } from "./batch-provider.js";
import { openAIBatchProvider } from "./openai-batch-provider.js";
import { batchVias, type BatchVia } from "./provider-batch-types.js";

/**
 * The batch API `via` for a cortex-ml client: its `openai` client for
 * `openai-batch`, its base URL and key for `anthropic-batch`
 * (`fromProvider("anthropic/...")` points at `https://api.anthropic.com/v1`).
 */
export function batchProviderFor(client: InstructorClient, via: BatchVia, options: { readonly maxTokens?: number } = {}): BatchProvider {
  if (!batchVias.includes(via)) {
    throw new InvalidArgumentError({ argument: "via", problem: `unknown batch API "${String(via)}". Use one of: ${batchVias.join(", ")}.` });
  }
  const openai = client.openai;
  if (openai === undefined) {
    throw new InvalidArgumentError({ argument: "client", problem: `${via} needs a client with an HTTP endpoint (fromProvider("openai/gpt-4o-mini") or fromProvider("anthropic/claude-3-5-haiku-latest")), not an in-process model.` });
  }
  if (via === "openai-batch") return openAIBatchProvider(openai, client.secrets);
  if (!openai.apiKey) {
    throw new InvalidArgumentError({ argument: "client", problem: "anthropic-batch needs an API key: set ANTHROPIC_API_KEY or pass { apiKey } to fromProvider." });
  }
  return anthropicBatchProvider({ baseURL: client.baseURL, apiKey: openai.apiKey, ...(options.maxTokens === undefined ? {} : { maxTokens: options.maxTokens }) });
}

import { CortexError } from "@cortex-ml/core";

/** The endpoint has no `/moderations` (Ollama and most local servers): moderation cannot run there. */
export class ModerationUnavailableError extends CortexError("ModerationUnavailableError")<{
  readonly baseURL: string;
  readonly status: number;
}> {
  override get message(): string {
    return `${this.baseURL} has no /moderations endpoint (HTTP ${this.status}); Ollama and most local servers do not. Use a client for a provider that has one (e.g. fromProvider("openai/omni-moderation-latest").client), or llmValidator("must not contain harassment, hate or violence", ...) instead.`;
  }
}

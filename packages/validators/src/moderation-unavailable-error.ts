import { CortexError } from "@cortex-ml/core";

/** The endpoint has no `/moderations` (Ollama, most local servers, an in-process model): moderation cannot run there. */
export class ModerationUnavailableError extends CortexError("ModerationUnavailableError")<{
  readonly baseURL: string;
  /** The HTTP status the server answered, or undefined for a client with no HTTP endpoint (an in-process model). */
  readonly status: number | undefined;
}> {
  readonly retryable = false;
  override get message(): string {
    const answered = this.status === undefined ? "it answers in-process" : `HTTP ${this.status}`;
    return `${this.baseURL} has no /moderations endpoint (${answered}); Ollama, most local servers and in-process models do not. Use a client for a provider that has one (e.g. moderation({ client: fromProvider("openai/omni-moderation-latest") })), or llmValidator("must not contain harassment, hate or violence", { client }) instead.`;
  }
}

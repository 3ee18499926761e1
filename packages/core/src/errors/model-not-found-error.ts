import { CortexError } from "./cortex-error.js";

/** The server does not have the requested model (Ollama answers 404 "not found, try pulling it first"). */
export class ModelNotFoundError extends CortexError("ModelNotFoundError")<{
  readonly model: string;
  readonly baseURL: string;
  /** The server's own message. */
  readonly serverMessage: string;
  /** What to do; defaults to the Ollama advice (`ollama pull <model>`). */
  readonly hint?: string | undefined;
}> {
  readonly retryable = false;
  override get message(): string {
    const hint = this.hint ?? `For Ollama run \`ollama pull ${this.model}\` (see \`ollama list\`).`;
    return `Model "${this.model}" is not available at ${this.baseURL}. ${hint} Server said: ${this.serverMessage}`;
  }
}

import { Data } from "effect";
import { hasTag } from "./has-tag.js";

/** The server does not have the requested model (Ollama answers 404 "not found, try pulling it first"). */
export class ModelNotFoundError extends Data.TaggedError("ModelNotFoundError")<{
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
  /** True for a ModelNotFoundError from any copy of this package. */
  static isInstance(value: unknown): value is ModelNotFoundError {
    return hasTag(value, "ModelNotFoundError");
  }
}

import { Data } from "effect";
import { hasTag } from "./has-tag.js";

/** The server could not be reached (refused, reset, DNS). Retryable. */
export class ConnectionError extends Data.TaggedError("ConnectionError")<{
  /** The base URL that was called. */
  readonly baseURL: string;
  /** What the network layer said, e.g. `ECONNREFUSED`. */
  readonly reason: string;
}> {
  readonly retryable = true;
  override get message(): string {
    return `Cannot reach ${this.baseURL} (${this.reason}). Is the server running? For Ollama run \`ollama serve\` (or set OLLAMA_BASE_URL to where it listens).`;
  }
  /** True for a ConnectionError from any copy of this package. */
  static isInstance(value: unknown): value is ConnectionError {
    return hasTag(value, "ConnectionError");
  }
}

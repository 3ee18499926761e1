import { CortexError } from "./cortex-error.js";

/** The server could not be reached (refused, reset, DNS). Retryable. */
export class ConnectionError extends CortexError("ConnectionError")<{
  /** The base URL that was called. */
  readonly baseURL: string;
  /** What the network layer said, e.g. `ECONNREFUSED`. */
  readonly reason: string;
}> {
  readonly retryable = true;
  override get message(): string {
    return `Cannot reach ${this.baseURL} (${this.reason}). Is the server running? For Ollama run \`ollama serve\` (or set OLLAMA_BASE_URL to where it listens).`;
  }
}

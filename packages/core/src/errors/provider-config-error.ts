import { CortexError } from "./cortex-error.js";

/** A provider string or setup is wrong: no slash, unknown provider, missing API key, unsupported mode. */
export class ProviderConfigError extends CortexError("ProviderConfigError")<{
  /** The provider named, if any. */
  readonly provider: string | undefined;
  /** What is wrong and what to do. */
  readonly problem: string;
  /** The environment variable that would fix it, when one would. */
  readonly environmentVariable: string | undefined;
}> {
  readonly retryable = false;
  override get message(): string {
    return this.provider ? `Provider "${this.provider}": ${this.problem}` : this.problem;
  }
}

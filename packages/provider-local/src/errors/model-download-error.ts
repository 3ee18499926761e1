import { CortexError } from "@cortex-ml/core";

/** A model named by `hf:...` or a URL is not in the cache and could not be downloaded (no network, unknown file, stalled). */
export class ModelDownloadError extends CortexError("ModelDownloadError")<{
  /** The model spec, e.g. `hf:user/repo/model.gguf`. */
  readonly spec: string;
  /** Why the download failed. */
  readonly reason: string;
  /** Where it would have been saved. */
  readonly directory: string;
}> {
  override get message(): string {
    return `cannot download ${this.spec}: ${this.reason}. No network? Pass a local path to a .gguf file instead, or put the file in ${this.directory} (CORTEX_MODELS_DIR).`;
  }
}

import { Data } from "effect";

/** A model named by `hf:...` or a URL is not in the cache and could not be downloaded (no network, unknown file, stalled). */
export class ModelDownloadError extends Data.TaggedError("ModelDownloadError")<{
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
  /** True for a ModelDownloadError from any copy of this package. */
  static isInstance(value: unknown): value is ModelDownloadError {
    return typeof value === "object" && value !== null && (value as { _tag?: unknown })._tag === "ModelDownloadError";
  }
}

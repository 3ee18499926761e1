import { resolve } from "node:path";
import { type ModelDownloadEndpoints, resolveModelFile } from "node-llama-cpp";
import { ModelDownloadError } from "../errors/model-download-error.js";
import { modelFileName } from "../model-file-name.js";
import { expandHome, modelsDirectory } from "./models-directory.js";
import { downloadProgressLine } from "./download-progress-line.js";
import { startStallWatchdog } from "./stall-watchdog.js";

/** Options of {@link resolveModelPath}. */
export interface ResolveModelPathOptions {
  /** Where downloads go and are looked up. Default `$CORTEX_MODELS_DIR`, else `~/.cache/cortex-ml/models`. */
  readonly directory?: string;
  /** Other download hosts, e.g. `{ huggingFace: "https://hf-mirror.example" }`. */
  readonly endpoints?: ModelDownloadEndpoints;
  /** How long the download host may take to answer at all, in milliseconds. Default 10,000. */
  readonly reachabilityTimeoutMs?: number;
  /** How long a download may go without progress, in milliseconds. Default 60,000. */
  readonly stallTimeoutMs?: number;
  /** Cancels the download. */
  readonly signal?: AbortSignal;
  /** Receives progress lines; default: written to stderr. `false` for silence. */
  readonly onProgress?: ((line: string) => void) | false;
}

/** True for specs that name a model to download: `hf:user/repo/file.gguf`, `huggingface:...`, or an http(s) URL. */
export function isRemoteModelSpec(spec: string): boolean {
  return /^(hf|huggingface):/i.test(spec) || /^https?:\/\//i.test(spec);
}

/** A local model path made absolute: `~` expanded, relative paths against the working directory. */
export function resolveLocalModelPath(spec: string): string {
  return resolve(expandHome(spec.trim()));
}

function downloadHost(spec: string, endpoints: ModelDownloadEndpoints | undefined): string {
  if (/^https?:\/\//i.test(spec)) return new URL(spec).origin;
  return endpoints?.huggingFace ?? "https://huggingface.co/";
}

function networkReason(error: unknown): string {
  let current: unknown = error;
  let message = "connection failed";
  for (let depth = 0; depth < 5 && current; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && code.length > 0) return code;
    if (current instanceof Error && current.message) message = current.message;
    current = (current as { cause?: unknown }).cause;
  }
  return message;
}

async function checkReachable(spec: string, host: string, timeoutMs: number, directory: string, signal: AbortSignal | undefined): Promise<void> {
  const deadline = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(host, { method: "HEAD", redirect: "manual", signal: signal ? AbortSignal.any([deadline, signal]) : deadline });
    await response.body?.cancel();
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    const reason = deadline.aborted ? `${host} did not answer within ${timeoutMs} ms` : `${host} is unreachable (${networkReason(error)})`;
    throw new ModelDownloadError({ spec, reason, directory });
  }
}

async function download(spec: string, directory: string, options: ResolveModelPathOptions): Promise<string> {
  const stallTimeoutMs = options.stallTimeoutMs ?? 60_000;
  const report = options.onProgress === false ? undefined : (options.onProgress ?? ((line: string) => process.stderr.write(`${line}\n`)));
  const controller = new AbortController();
  const forward = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener("abort", forward, { once: true });
  const watchdog = startStallWatchdog(stallTimeoutMs, () => new ModelDownloadError({ spec, reason: `no progress for ${stallTimeoutMs} ms`, directory }));
  // node-llama-cpp's downloader keeps retrying an unreachable host: the caller's signal must win at once.
  const cancelled = new Promise<never>((_resolve, reject) => {
    controller.signal.addEventListener("abort", () => reject(controller.signal.reason), { once: true });
  });
  cancelled.catch(() => {});
  let lastReport = 0;
  try {
    return await Promise.race([
      resolveModelFile(spec, {
        directory,
        cli: false,
        signal: controller.signal,
        ...(options.endpoints ? { endpoints: options.endpoints } : {}),
        onProgress: ({ downloadedSize, totalSize }) => {
          watchdog.touch();
          const now = Date.now();
          if (report && (now - lastReport > 500 || downloadedSize === totalSize)) {
            lastReport = now;
            report(downloadProgressLine(modelFileName(spec), downloadedSize, totalSize));
          }
        },
      }),
      watchdog.stalled,
      cancelled,
    ]);
  } catch (error) {
    if (ModelDownloadError.isInstance(error) || options.signal?.aborted) throw error;
    throw new ModelDownloadError({ spec, reason: error instanceof Error ? error.message : String(error), directory });
  } finally {
    watchdog.stop();
    options.signal?.removeEventListener("abort", forward);
    if (!controller.signal.aborted) controller.abort();
  }
}

/**
 * The local file of a model spec: a path (relative to the working directory,
 * `~` expanded) is made absolute and returned as is, existing or not; an
 * `hf:<user>/<repo>/<file>.gguf` URI or an http(s) URL is looked up in the
 * models directory and downloaded there when missing (a progress line on
 * stderr). Without network it fails fast with a {@link ModelDownloadError}
 * ("cannot download ...: no network? pass a local path"): the host is
 * checked first with a bounded timeout, and a stalled download is cut off.
 */
export async function resolveModelPath(spec: string, options: ResolveModelPathOptions = {}): Promise<string> {
  if (!isRemoteModelSpec(spec)) return resolveLocalModelPath(spec);
  const directory = options.directory ? resolveLocalModelPath(options.directory) : modelsDirectory();
  const cached = await resolveModelFile(spec, {
    directory,
    cli: false,
    download: false,
    ...(options.endpoints ? { endpoints: options.endpoints } : {}),
  }).catch(() => undefined);
  if (cached !== undefined) return cached;
  await checkReachable(spec, downloadHost(spec, options.endpoints), options.reachabilityTimeoutMs ?? 10_000, directory, options.signal);
  return download(spec, directory, options);
}

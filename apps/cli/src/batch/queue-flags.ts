import { UsageError } from "../usage-error.js";

/** The flags every queue command takes (with --json and --help). */
export const queueFlags = {
  queue: { type: "string" },
  job: { type: "string" },
  json: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
} as const;

/** Help lines of the flags every queue command takes. */
export const queueFlagsHelp = `  --queue URL          the Redis of the job queue, e.g. redis://queue-host:6379 (default $CORTEX_QUEUE)
  --job NAME           the job: letters, digits, "_", "." or "-"`;

/** The Redis URL of `--queue` (or $CORTEX_QUEUE), checked. */
export function queueUrlOf(flag: string | undefined, environment: Record<string, string | undefined>): string {
  const url = flag ?? environment.CORTEX_QUEUE;
  if (url === undefined || url === "") throw new UsageError("--queue is required: the Redis URL of the job queue, e.g. --queue redis://127.0.0.1:6379");
  if (!/^rediss?:\/\//.test(url)) throw new UsageError(`--queue expects a redis:// URL, got "${url}"`);
  return url;
}

/** The job name of `--job`, required. */
export function jobNameOf(flag: string | undefined, example: string): string {
  if (flag === undefined || flag === "") throw new UsageError(`--job is required: the job's name, e.g. ${example}`);
  return flag;
}

/** A positive number flag (whole when `integer`), or undefined when absent. */
export function positiveNumberOf(name: string, text: string | undefined, integer: boolean): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new UsageError(`--${name} expects ${integer ? "a whole number" : "a number"} above 0, got "${text}"`);
  }
  return value;
}

/** Checks each `--endpoint` is an http(s) URL. */
export function endpointsOf(values: readonly string[] | undefined): string[] {
  const endpoints = values ?? [];
  for (const endpoint of endpoints) {
    if (!/^https?:\/\/[^\s]+$/.test(endpoint)) throw new UsageError(`--endpoint expects an http(s) base URL such as http://gpu-1:11434/v1, got "${endpoint}"`);
  }
  return [...endpoints];
}

import { UsageError } from "../usage-error.js";

const units: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000 };

/** Reads `--poll-interval`: `30` or `30s` (seconds), `500ms`, `2m`; in milliseconds. */
export function parsePollInterval(text: string | undefined, fallbackMs: number): number {
  if (text === undefined) return fallbackMs;
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  if (match === null) throw new UsageError(`--poll-interval expects a duration such as 30s, 500ms or 2m, got "${text}"`);
  const value = Number(match[1]) * (units[match[2] ?? "s"] as number);
  if (value < 1 || value > 3_600_000) throw new UsageError(`--poll-interval must be between 1ms and 60m, got "${text}"`);
  return Math.round(value);
}

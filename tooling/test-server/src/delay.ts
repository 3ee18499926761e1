import { setTimeout as sleep } from "node:timers/promises";

/** Wait `ms` milliseconds; resolves `false` at once when `signal` aborts (before or during the wait). */
export async function delay(ms: number | undefined, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return false;
  if (ms === undefined || !(ms > 0)) return true;
  try {
    await sleep(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}

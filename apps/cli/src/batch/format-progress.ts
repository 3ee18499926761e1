import type { BatchCounts } from "./batch-counts.js";

const barWidth = 20;

/** A duration for an ETA: `9s`, `2m05s`, `1h02m`. */
export function formatRemainingTime(seconds: number): string {
  const whole = Math.max(0, Math.ceil(seconds));
  if (whole < 60) return `${whole}s`;
  if (whole < 3600) return `${Math.floor(whole / 60)}m${String(whole % 60).padStart(2, "0")}s`;
  return `${Math.floor(whole / 3600)}h${String(Math.floor((whole % 3600) / 60)).padStart(2, "0")}m`;
}

/**
 * One progress frame: `[########------------] 12/40 30%  3.1 rec/s  ETA 9s  2 failed`.
 * The rate counts only this run's records, so a resumed run is not credited
 * with the skipped ones.
 */
export function formatProgress(counts: BatchCounts, elapsedSeconds: number): string {
  const processed = counts.succeeded + counts.failed;
  const done = counts.skipped + processed;
  const fraction = counts.total === 0 ? 1 : Math.min(1, done / counts.total);
  const filled = Math.round(fraction * barWidth);
  const bar = `[${"#".repeat(filled)}${"-".repeat(barWidth - filled)}]`;
  const rate = elapsedSeconds > 0 ? processed / elapsedSeconds : 0;
  const remaining = counts.total - done;
  const eta = remaining === 0 ? "0s" : rate > 0 ? formatRemainingTime(remaining / rate) : "?";
  const failed = counts.failed > 0 ? `  ${counts.failed} failed` : "";
  return `${bar} ${done}/${counts.total} ${Math.floor(fraction * 100)}%  ${rate.toFixed(1)} rec/s  ETA ${eta}${failed}`;
}

/** The last line of every run: `done: 8 ok, 2 failed, 30 skipped (already in output) in 4.2 s`. */
export function formatSummary(counts: BatchCounts, elapsedSeconds: number): string {
  return `done: ${counts.succeeded} ok, ${counts.failed} failed, ${counts.skipped} skipped (already in output) in ${elapsedSeconds.toFixed(1)} s`;
}

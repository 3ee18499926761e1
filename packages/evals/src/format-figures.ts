/** A share as a percentage with one decimal: `83.3%`. */
export function formatPercent(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}

/** A precision, recall or F1 with three decimals; `–` where it is undefined (nothing to divide by). */
export function formatScore(score: number | null): string {
  return score === null ? "–" : score.toFixed(3);
}

/** A duration: `850 ms` below a second, `1.21 s` from there. */
export function formatMilliseconds(milliseconds: number): string {
  return milliseconds < 1000 ? `${Math.round(milliseconds)} ms` : `${(milliseconds / 1000).toFixed(2)} s`;
}

/** A count with thousands separators: `12,345`. */
export function formatCount(count: number): string {
  return Math.round(count).toLocaleString("en-US");
}

/** `count of total (percent)`: `5 of 6 (83.3%)`. */
export function formatShare(count: number, total: number): string {
  return `${formatCount(count)} of ${formatCount(total)} (${formatPercent(total === 0 ? 0 : count / total)})`;
}

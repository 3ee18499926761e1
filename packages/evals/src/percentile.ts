/**
 * The `fraction` percentile (0.5: the median, 0.9: p90) of the values, by
 * linear interpolation between the two nearest ranks (numpy's default):
 * the median of 1, 2, 3, 4 is 2.5. `null` for no values.
 */
export function percentile(values: readonly number[], fraction: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((left, right) => left - right);
  const rank = fraction * (sorted.length - 1);
  const lower = Math.floor(rank);
  const upper = Math.ceil(rank);
  const low = sorted[lower] as number;
  const high = sorted[upper] as number;
  return low + (high - low) * (rank - lower);
}

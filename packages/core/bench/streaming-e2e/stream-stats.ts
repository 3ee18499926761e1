/** One measured point of a client: a document size and a cost at that size. */
export interface SizePoint {
  readonly characters: number;
  readonly value: number;
}

/**
 * The growth exponent of a cost with size: the least-squares slope of
 * log(cost) over log(size). 1 is linear (ten times the size, ten times the
 * cost), 2 quadratic. Undefined with fewer than two distinct sizes or a
 * cost that is not positive.
 */
export function growthExponent(points: readonly SizePoint[]): number | undefined {
  if (points.some((point) => !(point.value > 0) || !(point.characters > 0))) return undefined;
  if (new Set(points.map((point) => point.characters)).size < 2) return undefined;
  const xs = points.map((point) => Math.log(point.characters));
  const ys = points.map((point) => Math.log(point.value));
  const meanX = xs.reduce((sum, x) => sum + x, 0) / xs.length;
  const meanY = ys.reduce((sum, y) => sum + y, 0) / ys.length;
  let covariance = 0;
  let variance = 0;
  xs.forEach((x, index) => {
    covariance += (x - meanX) * ((ys[index] as number) - meanY);
    variance += (x - meanX) ** 2;
  });
  return covariance / variance;
}

/** The sizes the growth exponent is taken over: those from 30 KB to 1 MB, else (a run with fewer) the two largest measured. */
export function growthSizes(sizes: readonly number[], from = 30_000, to = 1_000_000): number[] {
  const sorted = [...new Set(sizes)].sort((a, b) => a - b);
  const inRange = sorted.filter((size) => size >= from && size <= to);
  return inRange.length >= 2 ? inRange : sorted.slice(-2);
}

/** Calls per block: enough that the raw client's block lasts about `blockMs`, from 1 to `most`. */
export function callsPerBlock(rawCallMs: number, blockMs: number, most = 50): number {
  if (!(rawCallMs > 0)) return most;
  return Math.max(1, Math.min(most, Math.round(blockMs / rawCallMs)));
}

/**
 * The time a call should take at `characters`, from the client's times at
 * smaller sizes: along the slope through its last two (at least linear), or
 * linear from one. Undefined without any.
 */
export function predictCallMs(points: readonly SizePoint[], characters: number): number | undefined {
  const last = points.at(-1);
  if (last === undefined) return undefined;
  const before = points.at(-2);
  const slope = before === undefined ? undefined : growthExponent([before, last]);
  return last.value * (characters / last.characters) ** Math.max(1, slope ?? 1);
}

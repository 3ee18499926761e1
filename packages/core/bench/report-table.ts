import { median } from "./measure.js";

/** The medians of one scenario, per client. */
export interface ScenarioSummary {
  readonly scenario: string;
  readonly rawCallsPerSecond: number;
  readonly cortexCallsPerSecond: number;
  readonly rawCpuMicrosPerCall: number;
  readonly cortexCpuMicrosPerCall: number;
  /** Per round: cortex-ml throughput over raw throughput of the two runs of that round. */
  readonly pairedThroughputRatios: readonly number[];
  /** Per round: raw CPU per call over cortex-ml CPU per call of the two runs of that round. */
  readonly pairedCpuRatios: readonly number[];
}

/** cortex-ml throughput over raw throughput: 1 means no wall-time overhead. */
export function throughputRatio(summary: ScenarioSummary): number {
  return summary.cortexCallsPerSecond / summary.rawCallsPerSecond;
}

/** Raw CPU per call over cortex-ml CPU per call: 1 means no CPU overhead. */
export function cpuRatio(summary: ScenarioSummary): number {
  return summary.rawCpuMicrosPerCall / summary.cortexCpuMicrosPerCall;
}

/**
 * Renders rows as a plain-text table, the first row as its header: the
 * columns in `leftAligned` (default: the first) padded on the right, the
 * others (numbers) on the left.
 */
export function renderTable(rows: readonly (readonly string[])[], leftAligned: ReadonlySet<number> = new Set([0])): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, index) => (widths[index] = Math.max(widths[index] ?? 0, cell.length)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, index) => (leftAligned.has(index) ? cell.padEnd(widths[index] ?? 0) : cell.padStart(widths[index] ?? 0)))
      .join("  ")
      .trimEnd();
  const [header, ...body] = rows;
  if (!header) return "";
  return [line(header), widths.map((width) => "-".repeat(width)).join("  "), ...body.map(line)].join("\n");
}

/** The summary table: throughput, CPU per call and both ratios for every scenario. */
export function summaryTable(summaries: readonly ScenarioSummary[]): string {
  return renderTable([
    ["scenario", "raw calls/s", "cortex calls/s", "ratio (cortex/raw)", "raw CPU us/call", "cortex CPU us/call", "ratio (raw/cortex CPU)"],
    ...summaries.map((summary) => [
      summary.scenario,
      summary.rawCallsPerSecond.toFixed(0),
      summary.cortexCallsPerSecond.toFixed(0),
      throughputRatio(summary).toFixed(3),
      summary.rawCpuMicrosPerCall.toFixed(1),
      summary.cortexCpuMicrosPerCall.toFixed(1),
      cpuRatio(summary).toFixed(3),
    ]),
  ]);
}

function spread(values: readonly number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  return `${median(sorted).toFixed(3)} (${(sorted[0] ?? Number.NaN).toFixed(3)} .. ${(sorted[sorted.length - 1] ?? Number.NaN).toFixed(3)})`;
}

/**
 * The ratios of each round's two back-to-back runs: their median, then the
 * lowest and highest. The median of paired ratios is the steadier figure on a
 * drifting machine (each ratio compares runs seconds apart); the range says
 * how far to trust either (a wide range means a noisy machine, not a change).
 */
export function pairedTable(summaries: readonly ScenarioSummary[]): string {
  return renderTable([
    ["scenario", "per-round throughput ratio: median (min .. max)", "per-round CPU ratio: median (min .. max)"],
    ...summaries.map((summary) => [summary.scenario, spread(summary.pairedThroughputRatios), spread(summary.pairedCpuRatios)]),
  ]);
}

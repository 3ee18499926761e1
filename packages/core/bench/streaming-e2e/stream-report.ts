import { median } from "../measure.js";
import { formatMs, formatRatio } from "../partial-json/render-table.js";
import { renderTable } from "../report-table.js";
import { formatSize } from "./stream-args.js";
import { growthExponent } from "./stream-stats.js";

/** One client's figures in one round at one size. */
export interface RoundFigures {
  readonly cpuMsPerCall: number;
  readonly wallMsPerCall: number;
  /** Median over the round's calls; undefined when no call showed a partial. */
  readonly firstPartialMs: number | undefined;
}

/** A client at one size: its rounds, or why it has none (over budget, failed, skipped). */
export type ClientResult = { readonly rounds: readonly RoundFigures[] } | { readonly status: string };

/** What a client of the report is. */
export interface ReportClient {
  readonly key: string;
  readonly label: string;
  readonly baseline: string;
}

/** One document size: the document and every client's result. */
export interface SizeResult {
  readonly target: number;
  readonly characters: number;
  readonly contentDeltas: number;
  readonly toolDeltas: number;
  readonly toolCalls: number;
  readonly callsPerBlock: number;
  readonly results: ReadonlyMap<string, ClientResult>;
}

function ms(value: number | undefined): string {
  return value === undefined ? "-" : formatMs(value);
}

function ratio(value: number | undefined): string {
  return value === undefined ? "-" : formatRatio(value);
}

function roundsOf(result: ClientResult | undefined): readonly RoundFigures[] | undefined {
  return result !== undefined && "rounds" in result && result.rounds.length > 0 ? result.rounds : undefined;
}

/** Median over rounds of the client's figure over its baseline's in the same round. */
function pairedRatio(rounds: readonly RoundFigures[], baseline: readonly RoundFigures[] | undefined, pick: (figures: RoundFigures) => number): number | undefined {
  if (baseline === undefined || baseline.length !== rounds.length) return undefined;
  return median(rounds.map((figures, round) => pick(figures) / pick(baseline[round] as RoundFigures)));
}

/** The median CPU ms per call of a client at one size, when it was measured. */
export function medianCpuMs(result: ClientResult | undefined): number | undefined {
  const rounds = roundsOf(result);
  return rounds === undefined ? undefined : median(rounds.map((figures) => figures.cpuMsPerCall));
}

/** The heading line of one size's table. */
export function sizeHeading(size: SizeResult, rounds: number): string {
  return (
    `${formatSize(size.target)}: ${size.characters.toLocaleString("en-US")} characters; ${size.contentDeltas.toLocaleString("en-US")} content deltas, ` +
    `or ${size.toolDeltas.toLocaleString("en-US")} argument deltas over ${size.toolCalls.toLocaleString("en-US")} tool calls; ` +
    `${rounds} round(s) x ${size.callsPerBlock} call(s) per client`
  );
}

/**
 * One size's table: each client's CPU and wall time per call, their ratios to
 * its raw baseline in the same rounds, and the time to its first partial; a
 * client with no figures says why in the last column.
 */
export function sizeTable(size: SizeResult, clients: readonly ReportClient[]): string {
  const rows: string[][] = [["client", "against", "CPU ms/call", "CPU x raw", "wall ms/call", "wall x raw", "first partial ms", "note"]];
  for (const client of clients) {
    const result = size.results.get(client.key);
    const against = client.key === client.baseline ? "" : client.baseline;
    const rounds = roundsOf(result);
    if (rounds === undefined) {
      rows.push([client.label, against, "-", "-", "-", "-", "-", result !== undefined && "status" in result ? result.status : ""]);
      continue;
    }
    const baseline = roundsOf(size.results.get(client.baseline));
    const firstPartials = rounds.map((figures) => figures.firstPartialMs).filter((value) => value !== undefined);
    rows.push([
      client.label,
      against,
      ms(median(rounds.map((figures) => figures.cpuMsPerCall))),
      ratio(pairedRatio(rounds, baseline, (figures) => figures.cpuMsPerCall)),
      ms(median(rounds.map((figures) => figures.wallMsPerCall))),
      ratio(pairedRatio(rounds, baseline, (figures) => figures.wallMsPerCall)),
      firstPartials.length > 0 ? ms(median(firstPartials)) : "-",
      "",
    ]);
  }
  return renderTable(rows, new Set([0, 1, 7]));
}

/**
 * The growth table: each client's median CPU per call at the growth sizes and
 * the log-log slope through them (1 = linear, 2 = quadratic). A client
 * measured at only some of them gets the slope through those, with their
 * range; at fewer than two, none.
 */
export function growthTable(sizes: readonly SizeResult[], clients: readonly ReportClient[]): string {
  const range = (from: SizeResult | undefined, to: SizeResult | undefined) => `${formatSize(from?.target ?? 0)} -> ${formatSize(to?.target ?? 0)}`;
  const rows: string[][] = [["client", ...sizes.map((size) => `CPU ms at ${formatSize(size.target)}`), `exponent ${range(sizes[0], sizes.at(-1))}`]];
  for (const client of clients) {
    const cpu = sizes.map((size) => medianCpuMs(size.results.get(client.key)));
    const measured = sizes.flatMap((size, index) => (cpu[index] === undefined ? [] : [{ size, value: cpu[index] as number }]));
    const exponent = growthExponent(measured.map(({ size, value }) => ({ characters: size.characters, value })));
    const partial = measured.length < sizes.length ? ` (${range(measured[0]?.size, measured.at(-1)?.size)} only)` : "";
    rows.push([client.label, ...cpu.map((value) => (value === undefined ? "-" : ms(value))), exponent === undefined ? "-" : `${exponent.toFixed(2)}${partial}`]);
  }
  return renderTable(rows);
}

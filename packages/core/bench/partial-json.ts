/**
 * Streams generated JSON documents (1 KB .. 1 MB) in 4-character chunks, taking a snapshot
 * after every chunk, through this package's PartialJsonParser and its peers; prints times,
 * ratios and the growth exponent. Run from packages/core: `npx tsx bench/partial-json.ts [--quick]`.
 * See bench/partial-json/README.md. Always exits 0.
 */
import { parsePartialJsonBenchFlags, partialJsonBenchUsage } from "./partial-json/bench-flags.js";
import { firstDifference } from "./partial-json/first-difference.js";
import { generateDocument, splitIntoChunks } from "./partial-json/generate-document.js";
import { type Measurement, measureRunner } from "./partial-json/measure-runner.js";
import { formatMs, formatRatio } from "./partial-json/render-table.js";
import { renderTable } from "./report-table.js";
import { allRunners, cortexRunner, floorRunner, type StreamRunner, streamParserRunner } from "./partial-json/stream-runners.js";

const chunkSize = 4;
const sizes = [
  { label: "1 KB", characters: 1_000 },
  { label: "10 KB", characters: 10_000 },
  { label: "100 KB", characters: 100_000 },
  { label: "1 MB", characters: 1_000_000 },
] as const;
const fastBudget = { batchMs: 50, minimumBatches: 7, maximumBatches: 15, totalMs: 1_000 };
const quadraticBudget = { batchMs: 200, minimumBatches: 3, maximumBatches: 3, totalMs: 2_000 };

function skipReason(runner: StreamRunner, characters: number, quick: boolean): string | undefined {
  if (!runner.quadratic) return undefined;
  if (characters > 100_000) return "skipped (quadratic)";
  if (quick && characters > 10_000) return "skipped (quadratic, --quick)";
  return undefined;
}

async function warmUp(): Promise<void> {
  const small = splitIntoChunks(generateDocument(1_000, 7), chunkSize);
  const medium = splitIntoChunks(generateDocument(100_000, 7), chunkSize);
  for (const runner of allRunners) {
    for (let round = 0; round < 20; round += 1) await runner.run(runner.quadratic ? small : medium);
  }
}

async function main(): Promise<void> {
  const flags = parsePartialJsonBenchFlags(process.argv.slice(2));
  if (flags.help || flags.unknown.length > 0) {
    if (flags.unknown.length > 0) console.log(`unknown argument(s): ${flags.unknown.join(" ")}`);
    console.log(partialJsonBenchUsage);
    return;
  }
  console.log(`Node ${process.version}, ${chunkSize}-character chunks, a snapshot after every chunk. Warming up...`);
  await warmUp();

  const rows: string[][] = [["size", "parser", "median ms", "runs", "vs floor", "vs @streamparser/json", "ns/char", "final = JSON.parse"]];
  const cortexTimes = new Map<number, number>();
  const mismatches: string[] = [];
  let quadraticMsAt100KB = 0;
  for (const { label, characters } of sizes) {
    const text = generateDocument(characters);
    const chunks = splitIntoChunks(text, chunkSize);
    const expected: unknown = JSON.parse(text);
    const results = new Map<StreamRunner, Measurement | string>();
    for (const runner of allRunners) {
      const skipped = skipReason(runner, characters, flags.quick);
      if (skipped !== undefined) {
        results.set(runner, skipped);
        continue;
      }
      try {
        const measurement = await measureRunner(runner, chunks, runner.quadratic ? quadraticBudget : fastBudget);
        results.set(runner, measurement);
        if (runner.quadratic && characters === 100_000) quadraticMsAt100KB += measurement.medianMs * measurement.repetitions;
      } catch (error) {
        results.set(runner, `failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    const floor = results.get(floorRunner);
    const streamParser = results.get(streamParserRunner);
    for (const runner of allRunners) {
      const result = results.get(runner);
      const name = runner.name;
      if (result === undefined || typeof result === "string") {
        rows.push([`${label} (${text.length})`, name, "-", "", "", "", "", result ?? "-"]);
        continue;
      }
      const difference = firstDifference(result.finalValue, expected);
      if (difference !== undefined) mismatches.push(`${label}, ${name}: first difference at ${difference}`);
      if (runner === cortexRunner) cortexTimes.set(characters, result.medianMs);
      const versus = (other: Measurement | string | undefined) => (other === undefined || typeof other === "string" ? "-" : formatRatio(result.medianMs / other.medianMs));
      rows.push([
        `${label} (${text.length})`,
        name,
        formatMs(result.medianMs),
        String(result.repetitions),
        versus(floor),
        versus(streamParser),
        ((result.medianMs * 1e6) / text.length).toFixed(0),
        difference === undefined ? "yes" : "NO (see below)",
      ]);
    }
  }

  console.log();
  console.log(renderTable(rows, new Set([0, 1, 7])));
  console.log();
  for (const mismatch of mismatches) console.log(`Mismatch: ${mismatch}`);
  console.log("@streamparser/json and the floor build no snapshot per chunk (a tokenizer / one parse at the end): they are lower bounds, not peers for progressive UIs.");
  const small = cortexTimes.get(10_000);
  const large = cortexTimes.get(1_000_000);
  if (small !== undefined && large !== undefined) {
    const exponent = Math.log(large / small) / Math.log(100);
    console.log(`Growth exponent of cortex PartialJsonParser, 10 KB -> 1 MB: log(${formatMs(large)} / ${formatMs(small)}) / log(100) = ${exponent.toFixed(3)} (1 = linear; target <= 1.1)`);
  }
  if (quadraticMsAt100KB > 60_000) console.log(`The quadratic peers took ${(quadraticMsAt100KB / 1000).toFixed(0)} s at 100 KB; use --quick to skip them there.`);
}

try {
  await main();
} catch (error) {
  console.log(`benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
}
process.exitCode = 0;

import { parseArgs } from "node:util";
import type { JobStatus } from "@cortex-ml/batch";
import { jobNameOf, queueFlags, queueFlagsHelp, queueUrlOf } from "../batch/queue-flags.js";
import type { CliIO } from "../cli-io.js";
import { ExitCode } from "../exit-codes.js";
import { UsageError } from "../usage-error.js";

/** Help text of `cortex-ml batch status`. */
export const batchStatusHelp = `Usage: cortex-ml batch status --queue URL --job NAME [--json]

Where a queued job stands: records done, failed and pending, the rate and
the ETA, failures by typed error, tokens (and dollars) so far, the budget.

Options:
${queueFlagsHelp}
  --json               the status as one JSON object on stdout
  -h, --help           show this help

Exit codes: 0 every record finished, 1 records still pending, 2 usage error.
`;

function duration(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m${String(Math.round(seconds % 60)).padStart(2, "0")}s`;
  return `${Math.floor(seconds / 3600)}h${String(Math.floor((seconds % 3600) / 60)).padStart(2, "0")}m`;
}

/** The status as the lines a person reads. */
export function formatJobStatus(status: JobStatus): string {
  const lines = [
    `job ${status.job}: ${status.succeeded + status.failed}/${status.total} done (${status.succeeded} ok, ${status.failed} failed), ${status.pending} pending, ${status.active} running${status.paused ? ", PAUSED" : ""}`,
    `rate ${status.recordsPerSecond.toFixed(1)} records/s, ETA ${status.etaSeconds === undefined ? "unknown" : duration(status.etaSeconds)}`,
    `tokens ${status.tokens.total} (prompt ${status.tokens.prompt}, completion ${status.tokens.completion})${status.dollars > 0 ? `, $${status.dollars.toFixed(4)}` : ""}`,
  ];
  const budget = [
    ...(status.budget.tokens === undefined ? [] : [`${status.budget.tokens} tokens`]),
    ...(status.budget.dollars === undefined ? [] : [`$${status.budget.dollars}`]),
  ];
  if (budget.length > 0) lines.push(`budget ${budget.join(", ")}${status.budgetSpent ? ": SPENT, the job is paused; raise it with cortex-ml batch budget to resume" : ""}`);
  const failures = Object.entries(status.failuresByError).sort(([, left], [, right]) => right - left);
  if (failures.length > 0) lines.push(`failures: ${failures.map(([name, count]) => `${name} ${count}`).join(", ")}`);
  return `${lines.join("\n")}\n`;
}

/** `cortex-ml batch status`: counts, rate, ETA, failures by typed error and tokens of a queued job. */
export async function batchStatusCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...queueFlags,
    },
    strict: true,
  });
  if (values.help) {
    io.stdout.write(batchStatusHelp);
    return ExitCode.ok;
  }
  if (positionals.length > 0) throw new UsageError(`batch status takes no file (got "${positionals[0]}"): give --job NAME`);
  const redisUrl = queueUrlOf(values.queue, io.environment);
  const job = jobNameOf(values.job, "--job notes-1");
  const { jobStatus } = await import("@cortex-ml/batch");
  const status = await jobStatus({ redisUrl, job });
  io.stdout.write(values.json ? `${JSON.stringify(status)}\n` : formatJobStatus(status));
  return status.pending === 0 ? ExitCode.ok : ExitCode.failed;
}

import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { formatOutputRecord } from "@cortex-ml/batch/records";
import { jobNameOf, queueFlags, queueFlagsHelp, queueUrlOf } from "../batch/queue-flags.js";
import type { CliIO } from "../cli-io.js";
import { ExitCode } from "../exit-codes.js";
import { UsageError } from "../usage-error.js";

/** Help text of `cortex-ml batch collect`. */
export const batchCollectHelp = `Usage: cortex-ml batch collect --queue URL --job NAME -o OUTPUT.jsonl

Writes a queued job's results to OUTPUT.jsonl in input order, one line per
record as \`cortex-ml batch\` writes them, failures as records, each with its
usage ledger (attempts, re-asks, deliveries, tokens):
  {"line":3,"id":"a7","ok":true,"data":{...},"ledger":{"attempts":1,"reasks":0,...}}
The file is replaced. Records not finished yet are left out and counted:
collect again once \`cortex-ml batch status\` shows none pending.

Options:
${queueFlagsHelp}
  -o, --output PATH    the output JSONL file (replaced)
  -h, --help           show this help

Exit codes: 0 every record ok, 1 some failed or still pending, 2 usage error.
`;

/** `cortex-ml batch collect`: a queued job's results, in input order. */
export async function batchCollectCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...queueFlags,
      output: { type: "string", short: "o" },
    },
    strict: true,
  });
  if (values.help) {
    io.stdout.write(batchCollectHelp);
    return ExitCode.ok;
  }
  if (positionals.length > 0) throw new UsageError(`batch collect takes no input file (got "${positionals[0]}"): give --job NAME -o OUTPUT.jsonl`);
  const redisUrl = queueUrlOf(values.queue, io.environment);
  const job = jobNameOf(values.job, "--job notes-1");
  if (values.output === undefined) throw new UsageError("--output (-o) is required: the JSONL file the results are written to");
  const outputPath = resolve(io.cwd, values.output);
  const { collectJob } = await import("@cortex-ml/batch");
  const collected = await collectJob({ redisUrl, job });
  try {
    writeFileSync(outputPath, collected.records.map(formatOutputRecord).join(""));
  } catch (error) {
    throw new UsageError(`cannot write the output ${values.output} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const pending = collected.pendingLines.length;
  io.stderr.write(
    `${collected.records.length}/${collected.total} records written to ${values.output} (${collected.succeeded} ok, ${collected.failed} failed)${pending > 0 ? `; ${pending} still pending: collect again when they are done` : ""}\n`,
  );
  return collected.failed === 0 && pending === 0 ? ExitCode.ok : ExitCode.failed;
}

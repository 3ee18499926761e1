import { parseArgs } from "node:util";
import { jobNameOf, positiveNumberOf, queueFlags, queueFlagsHelp, queueUrlOf } from "../batch/queue-flags.js";
import type { CliIO } from "../cli-io.js";
import { ExitCode } from "../exit-codes.js";
import { UsageError } from "../usage-error.js";

/** Help text of `cortex-ml batch budget`. */
export const batchBudgetHelp = `Usage: cortex-ml batch budget --queue URL --job NAME [--tokens N | --no-token-limit] [--dollars D | --no-dollar-limit]

Sets a queued job's budget. A job stops cleanly when it has spent its budget
(the records in flight finish, no new ones start); raising the budget here
resumes it where it stopped.

Options:
${queueFlagsHelp}
  --tokens N           the job's token budget (prompt + completion, all records)
  --dollars D          the job's dollar budget (priced with the job's --prices)
  --no-token-limit     remove the token budget
  --no-dollar-limit    remove the dollar budget
  -h, --help           show this help
`;

/** `cortex-ml batch budget`: set or raise a queued job's budget, resuming it. */
export async function batchBudgetCommand(args: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      ...queueFlags,
      tokens: { type: "string" },
      dollars: { type: "string" },
      "no-token-limit": { type: "boolean", default: false },
      "no-dollar-limit": { type: "boolean", default: false },
    },
    strict: true,
  });
  if (values.help) {
    io.stdout.write(batchBudgetHelp);
    return ExitCode.ok;
  }
  const redisUrl = queueUrlOf(values.queue, io.environment);
  const job = jobNameOf(values.job, "--job notes-1");
  const tokens = values["no-token-limit"] ? null : positiveNumberOf("tokens", values.tokens, true);
  const dollars = values["no-dollar-limit"] ? null : positiveNumberOf("dollars", values.dollars, false);
  if (tokens === undefined && dollars === undefined) throw new UsageError("give --tokens N, --dollars D, --no-token-limit or --no-dollar-limit");
  const { setBudget } = await import("@cortex-ml/batch");
  const { resumed } = await setBudget({ redisUrl, job, budget: { ...(tokens === undefined ? {} : { tokens }), ...(dollars === undefined ? {} : { dollars }) } });
  io.stdout.write(`job ${job}: budget set${resumed ? "; the job resumes" : ""}\n`);
  return ExitCode.ok;
}

import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { structuredChat } from "@cortex-ml/core";
import { parseInputLines } from "@cortex-ml/batch/records";
import { batchFileFlags } from "../batch/batch-file-flags.js";
import { formatSummary } from "../batch/format-progress.js";
import { readCompletedLines } from "../batch/completed-lines.js";
import { OutputFile } from "../batch/output-file.js";
import { runBatch } from "../batch/run-batch.js";
import { providerBatchHelp } from "../batch/provider-batch-help.js";
import type { CliIO } from "../cli-io.js";
import { connect, connectionFlags, connectionHelp } from "../connection-options.js";
import { ExitCode } from "../exit-codes.js";
import { onInterruptSignals } from "../interrupt-signals.js";
import { loadSchema } from "../load-schema.js";
import { preloadModel } from "../preload-model.js";
import { readTextFile } from "../read-text-file.js";
import { UsageError } from "../usage-error.js";
import { batchBudgetCommand } from "./batch-budget.js";
import { batchCollectCommand } from "./batch-collect.js";
import { batchStatusCommand } from "./batch-status.js";
import { batchSubmitCommand } from "./batch-submit.js";

const defaultConcurrency = 4;
const maximumConcurrency = 64;
const defaultSystemPrompt = "Extract the requested data from the text.";

/** Help text of `cortex-ml batch`. */
export const batchHelp = `Usage: cortex-ml batch INPUT.jsonl -o OUTPUT.jsonl --schema SCHEMA [options]

Extracts structured data from every record of a JSONL file, several at a time,
and appends one JSON line per record to the output file.

Input: one record per line, either a JSON object with the text in "text" (or
--text-field) and an optional "id", or a JSON string. Blank lines are skipped.

Output, one line per input record, in the order they finish:
  {"line":3,"id":"a7","ok":true,"data":{...}}
  {"line":4,"ok":false,"error":{"name":"RetriesExhaustedError","message":"..."}}
"line" is the 1-based input line number; "id" is there when the input had one.
A failed record (no valid answer, endpoint error, a line that is not a record:
InvalidRecordError) is written and the batch goes on.

Resuming: rerun the same command. Lines already ok in the output are skipped;
failed ones are run again and appended, so when a line appears more than once
the LAST record for it wins. An unfinished last line (a killed run) is cut off.
Ctrl-C stops taking records, cancels the calls in flight (nothing is written
for them) and exits with 130; a second Ctrl-C exits at once.

Options:
  -o, --output PATH    the output JSONL file (created, or appended to)
  -s, --schema SCHEMA  a JSON Schema file (person.json), or a JS/TS module exporting a
                       Valibot schema (models.ts#Person)
  --text-field NAME    the field holding the text in object lines (default "text")
  --concurrency N      records in flight at once, 1 to ${maximumConcurrency} (default ${defaultConcurrency})
  --system TEXT        system prompt (default: "${defaultSystemPrompt}")
${connectionHelp}
  --via API            send the records through a provider batch API instead (see below)
  --json               errors as one JSON object on stderr
  --verbose            errors with details
  -h, --help           show this help

Progress goes to stderr: a live bar on a terminal, always a final summary line.
Exit codes: 0 every record ok, 1 some failed, 2 usage error, 130 interrupted.

Examples:
  cortex-ml batch notes.jsonl -o people.jsonl --schema person.json
  cortex-ml batch tickets.jsonl -o out.jsonl --schema models.ts#Ticket --text-field body --concurrency 8
  cortex-ml batch notes.jsonl -o people.jsonl --schema person.json --model gpt-4o-mini --via openai-batch

${providerBatchHelp}

Beyond one machine (a Redis job queue and \`cortex-ml worker\` processes):
  cortex-ml batch submit INPUT.jsonl --queue URL --job NAME --schema SCHEMA   enqueue the records
  cortex-ml batch status --queue URL --job NAME                               counts, rate, ETA, tokens
  cortex-ml batch collect --queue URL --job NAME -o OUTPUT.jsonl              results in input order
  cortex-ml batch budget --queue URL --job NAME --tokens N                    raise the budget, resume
Each has --help.
`;

/** The queue subcommands of `cortex-ml batch`. */
const subcommands: Record<string, (args: string[], io: CliIO) => Promise<number>> = {
  submit: batchSubmitCommand,
  status: batchStatusCommand,
  collect: batchCollectCommand,
  budget: batchBudgetCommand,
};

function concurrencyOf(text: string | undefined): number {
  if (text === undefined) return defaultConcurrency;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > maximumConcurrency) {
    throw new UsageError(`--concurrency expects a whole number from 1 to ${maximumConcurrency}, got "${text}"`);
  }
  return value;
}

function openOutputFile(path: string, shown: string): OutputFile {
  try {
    return new OutputFile(path);
  } catch (error) {
    throw new UsageError(`cannot write the output ${shown} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/** `cortex-ml batch`: a resumable, concurrent extraction over a JSONL file. */
export async function batchCommand(args: string[], io: CliIO): Promise<number> {
  const subcommand = args[0] === undefined ? undefined : subcommands[args[0]];
  if (subcommand !== undefined) return subcommand(args.slice(1), io);
  // Loaded only when asked for: the provider batch code (and its Redis client) costs the live batch nothing.
  if (args.some((arg) => arg === "--via" || arg.startsWith("--via="))) return (await import("../batch/provider-batch-command.js")).providerBatchCommand(args, io);
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...connectionFlags,
      ...batchFileFlags,
      concurrency: { type: "string" },
    },
    strict: true,
  });
  if (values.help) {
    io.stdout.write(batchHelp);
    return ExitCode.ok;
  }
  const [inputName, ...extra] = positionals;
  if (inputName === undefined) throw new UsageError("give the input JSONL file, e.g. cortex-ml batch input.jsonl -o output.jsonl --schema person.json");
  if (extra.length > 0) throw new UsageError(`give one input file (got ${positionals.length})`);
  if (values.output === undefined) throw new UsageError("--output (-o) is required: the JSONL file the records are appended to");
  if (values.schema === undefined) throw new UsageError("--schema is required, e.g. --schema person.json or --schema models.ts#Person");
  const textField = values["text-field"] ?? "text";
  if (textField === "") throw new UsageError("--text-field must not be empty");
  const concurrency = concurrencyOf(values.concurrency);
  const inputPath = resolve(io.cwd, inputName);
  const outputPath = resolve(io.cwd, values.output);
  if (inputPath === outputPath) throw new UsageError("the output file must not be the input file");

  const responseModel = await loadSchema(values.schema, io.cwd);
  const connection = await connect(values, io.environment);
  const { client, model, callSettings } = connection;
  const lines = parseInputLines(readTextFile(inputPath, `the input ${inputName}`), textField);
  const output = openOutputFile(outputPath, values.output);
  const startedAt = Date.now();
  const interrupt = new AbortController();
  const removeSignalHandlers = onInterruptSignals((signal) => interrupt.abort(new Error(`${signal} received`)));
  try {
    const earlier = readCompletedLines(outputPath);
    if (earlier.truncatedBytes > 0) io.stderr.write(`cut off an unfinished last line of ${values.output} (${plural(earlier.truncatedBytes, "byte")}, from an interrupted run)\n`);
    if (earlier.unreadableLines > 0) io.stderr.write(`ignoring ${plural(earlier.unreadableLines, "line")} of ${values.output} that are not batch records\n`);
    const skipped = lines.filter((parsed) => earlier.succeeded.has(parsed.ok ? parsed.record.line : parsed.invalid.line)).length;
    if (skipped > 0) io.stderr.write(`skipping ${plural(skipped, "record")} already done in ${values.output}\n`);
    const system = values.system ?? defaultSystemPrompt;
    await preloadModel(connection, io.stderr, interrupt.signal);
    const outcome = await runBatch({
      lines,
      alreadySucceeded: earlier.succeeded,
      output,
      concurrency,
      interrupt: interrupt.signal,
      progressOutput: io.stderr,
      startedAt,
      extract: (record, signal) =>
        structuredChat(client, {
          model,
          responseModel,
          messages: [
            { role: "system", content: system },
            { role: "user", content: record.text },
          ],
          ...callSettings,
          signal,
        }),
    });
    io.stderr.write(`${formatSummary(outcome, (Date.now() - startedAt) / 1000)}\n`);
    if (outcome.interrupted) {
      io.stderr.write(`interrupted: ${plural(outcome.succeeded + outcome.failed, "record")} done, rerun the same command to resume\n`);
      return ExitCode.interrupted;
    }
    return outcome.failed > 0 ? ExitCode.failed : ExitCode.ok;
  } finally {
    removeSignalHandlers();
    output.close();
  }
}

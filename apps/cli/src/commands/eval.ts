import { resolve } from "node:path";
import { parseArgs } from "node:util";
import {
  defaultEvalConcurrency,
  defaultEvalSystemPrompt,
  type EvalTarget,
  LabelledDataError,
  type LabelledRecord,
  parseLabelledRecords,
  renderHtmlReport,
  renderTextReport,
  runEval,
  type RunEvalOptions,
} from "@cortex-ml/evals";
import type { CliIO } from "../cli-io.js";
import { type Connection, type ConnectionClientOptions, connect, connectionFlags, connectionHelp } from "../connection-options.js";
import { cacheFlags, cacheHelp, cacheStoreOfFlags } from "../eval/cache-flags.js";
import { comparisonOfFlags } from "../eval/tolerance-flags.js";
import { checkWritable, writeReportFile } from "../eval/report-file.js";
import { ExitCode } from "../exit-codes.js";
import { onInterruptSignals } from "../interrupt-signals.js";
import { InterruptedError } from "../interrupted-error.js";
import { loadSchema } from "../load-schema.js";
import { preloadModel } from "../preload-model.js";
import { readTextFile } from "../read-text-file.js";
import { StatusLine } from "../status-line.js";
import { UsageError } from "../usage-error.js";

const maximumConcurrency = 64;

/** The connection flags but --model and --mode (which eval takes several times), in this help's wider option column. */
const sharedConnectionHelp = connectionHelp
  .split("\n")
  .filter((line) => !line.startsWith("  -m, --model") && !line.startsWith("  --mode"))
  .map((line) => (line.startsWith("   ") ? `  ${line}` : line.replace(/^( {2}\S.*? {2})/, "$1  ")))
  .join("\n");

/** Help text of `cortex-ml eval`. */
export const evalHelp = `Usage: cortex-ml eval --schema SCHEMA --data LABELLED.jsonl --model A [--model B ...] [options]

Runs every labelled record through each model (and mode), compares each answer
with its label field by field, and prints the models side by side: precision,
recall and F1 per schema path (with the values wrong, missing and extra), the
share of answers valid on the first try, re-asks per record, tokens, latency
(median, p90), and failures by error.

Data: one JSON object a line, the text in "text" and the expected answer in
"label" (or --text-field / --label-field), an optional "id":
  {"id":"r1","text":"Ann (31) lives in Oslo","label":{"name":"Ann","age":31,"city":"Oslo"}}

Comparison: strings match ignoring case, spacing and Unicode forms
(--exact-strings: as written), numbers exactly or within --tolerance; arrays
are sets (order does not count; arrays of objects are paired element by
element); a value only the label has is missing, one only the answer has extra.

Options:
  -s, --schema SCHEMA    a JSON Schema file (invoice.json), or a JS/TS module exporting a
                         Valibot schema (models.ts#Invoice)
  -d, --data PATH        the labelled JSONL file
  -m, --model NAME       a model to evaluate; repeat for several: llama3.2, ollama/qwen2.5,
                         openai/gpt-4o (default $CORTEX_MODEL or llama3.2)
  --mode MODE            a mode to evaluate each model in; repeat for several: json,
                         json_schema, md_json, tools, auto (default: each provider's
                         best; auto for Ollama and other local servers)
  --text-field NAME      the field holding the text (default "text")
  --label-field NAME     the field holding the expected answer (default "label")
  --system TEXT          system prompt (default: "${defaultEvalSystemPrompt}")
  --tolerance [PATH=]N   numbers within N match (0.01), or within N% of the label (2%);
                         PATH limits it to one field (total=0.01); repeatable
  --exact-strings        compare strings exactly as written
  --concurrency N        calls in flight at once, 1 to ${maximumConcurrency} (default ${defaultEvalConcurrency}); 1 for latencies free
                         of queueing on the server
  --json                 print the report as JSON (errors as JSON too)
  --html PATH            also write a self-contained HTML report with charts
${cacheHelp}
${sharedConnectionHelp}
  --verbose              errors with details
  -h, --help             show this help

The report goes to stdout; progress to stderr on a terminal. Records that get
no valid answer are part of the report (their label values count as missing).

Valid answers are kept in the response cache: a re-run (after fixing a label,
changing --tolerance...) asks the models only about records that had no valid
answer, and reports each cached answer with the requests, latency and tokens
of the call that made it; the "from the cache" row says how many came from it.
The cache is keyed by provider and base URL, model, mode, messages, schema and sampling
settings: changing any of them asks again.

Exit codes: 0 the eval ran, 1 it could not (an error), 2 usage error, 3 endpoint
unreachable, 4 model not found, 130 interrupted.

Examples:
  cortex-ml eval --schema invoice.json --data labelled.jsonl --model llama3.2 --model qwen2.5
  cortex-ml eval -s models.ts#Invoice -d labelled.jsonl -m llama3.2 --mode json_schema --mode tools --html report.html
  cortex-ml eval -s invoice.json -d labelled.jsonl -m ollama/llama3.2 -m openai/gpt-4o-mini --tolerance total=0.01 --json
`;

function concurrencyOf(text: string | undefined): number {
  if (text === undefined) return defaultEvalConcurrency;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > maximumConcurrency) {
    throw new UsageError(`--concurrency expects a whole number from 1 to ${maximumConcurrency}, got "${text}"`);
  }
  return value;
}

function fieldName(flag: string, value: string | undefined, fallback: string): string {
  if (value === undefined) return fallback;
  if (value === "") throw new UsageError(`--${flag} must not be empty`);
  return value;
}

function once(flag: string, values: readonly string[]): void {
  const repeated = values.find((value, index) => values.indexOf(value) !== index);
  if (repeated !== undefined) throw new UsageError(`--${flag} ${repeated} is given twice`);
}

function readRecords(path: string, shown: string, textField: string, labelField: string): LabelledRecord[] {
  try {
    return parseLabelledRecords(readTextFile(path, `--data ${shown}`), { textField, labelField });
  } catch (error) {
    if (!LabelledDataError.isInstance(error)) throw error;
    const fields = error.problems.length > 0 ? " (choose the fields with --text-field and --label-field)" : "";
    throw new UsageError(`--data ${shown}: ${error.message}${fields}`);
  }
}

/** `cortex-ml eval`: field-level accuracy of models and modes on labelled records. */
export async function evalCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...connectionFlags,
      model: { type: "string", short: "m", multiple: true },
      mode: { type: "string", multiple: true },
      schema: { type: "string", short: "s" },
      data: { type: "string", short: "d" },
      "text-field": { type: "string" },
      "label-field": { type: "string" },
      system: { type: "string" },
      tolerance: { type: "string", multiple: true },
      "exact-strings": { type: "boolean", default: false },
      concurrency: { type: "string" },
      html: { type: "string" },
      json: { type: "boolean", default: false },
      ...cacheFlags,
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help) {
    io.stdout.write(evalHelp);
    return ExitCode.ok;
  }
  if (positionals.length > 0) throw new UsageError(`eval takes no positional arguments (got "${positionals[0]}"): give the data with --data PATH`);
  if (values.schema === undefined) throw new UsageError("--schema is required, e.g. --schema invoice.json or --schema models.ts#Invoice");
  if (values.data === undefined) throw new UsageError("--data is required: the labelled JSONL file, one {\"text\":...,\"label\":...} a line");
  const textField = fieldName("text-field", values["text-field"], "text");
  const labelField = fieldName("label-field", values["label-field"], "label");
  const concurrency = concurrencyOf(values.concurrency);
  const comparison = comparisonOfFlags(values.tolerance ?? [], values["exact-strings"]);
  const models = values.model ?? [undefined];
  const modes = values.mode ?? [undefined];
  once("model", values.model ?? []);
  once("mode", values.mode ?? []);
  if (values.mode?.includes("parallel_tools")) {
    throw new UsageError("--mode parallel_tools answers several objects, and each label is one: use --mode tools");
  }
  const htmlPath = values.html === undefined ? undefined : resolve(io.cwd, values.html);
  if (htmlPath !== undefined) checkWritable(htmlPath, `--html ${values.html}`);

  const responseModel = await loadSchema(values.schema, io.cwd);
  const records = readRecords(resolve(io.cwd, values.data), values.data, textField, labelField);
  const cache = cacheStoreOfFlags(values, io);
  try {
    const clientOptions: ConnectionClientOptions = cache === undefined ? {} : { cache };
    const connections: Array<{ connection: Connection; target: EvalTarget }> = [];
    for (const model of models) {
      for (const mode of modes) {
        const connection = await connect({ ...values, model, mode }, io.environment, clientOptions);
        const name = `${model ?? connection.model} (${mode ?? connection.client.defaults.mode})`;
        connections.push({ connection, target: { client: connection.client, model: connection.model, name, callSettings: connection.callSettings } });
      }
    }
    return await runAndReport(connections, { responseModel, records, concurrency, comparison, system: values.system }, io, {
      json: values.json,
      html: htmlPath === undefined ? undefined : { path: htmlPath, shown: values.html as string },
    });
  } finally {
    await cache?.close?.();
  }
}

/** Runs the eval with progress on stderr and Ctrl-C handled, then prints the report (and writes the HTML page). */
async function runAndReport(
  connections: ReadonlyArray<{ connection: Connection; target: EvalTarget }>,
  run: Pick<RunEvalOptions, "responseModel" | "records" | "concurrency" | "comparison"> & { system: string | undefined },
  io: CliIO,
  output: { json: boolean; html: { path: string; shown: string } | undefined },
): Promise<number> {
  const { records } = run;
  const interrupt = new AbortController();
  const removeSignalHandlers = onInterruptSignals((signal) => interrupt.abort(new InterruptedError(signal)));
  const total = records.length * connections.length;
  let done = 0;
  let failed = 0;
  let cached = 0;
  let current = connections[0]?.target.name ?? "";
  const progress = new StatusLine(
    io.stderr,
    () => `eval ${done}/${total} · ${current}${cached > 0 ? ` · ${cached} from the cache` : ""}${failed > 0 ? ` · ${failed} failed` : ""}`,
    250,
  );
  try {
    for (const { connection } of connections) await preloadModel(connection, io.stderr, interrupt.signal);
    progress.start();
    const report = await runEval({
      ...run,
      targets: connections.map(({ target }) => target),
      system: run.system ?? defaultEvalSystemPrompt,
      signal: interrupt.signal,
      onRecord: (result, step) => {
        done = step.done;
        current = result.target;
        if (!result.ok) failed += 1;
        if (result.cache === "hit") cached += 1;
        progress.draw();
      },
    });
    progress.stop();
    io.stdout.write(output.json ? `${JSON.stringify(report)}\n` : renderTextReport(report));
    if (output.html !== undefined) {
      writeReportFile(output.html.path, renderHtmlReport(report), `--html ${output.html.shown}`);
      io.stderr.write(`wrote the HTML report to ${output.html.shown}\n`);
    }
    return ExitCode.ok;
  } catch (error) {
    // After Ctrl-C the calls fail as aborted: say it was interrupted (exit 130).
    throw interrupt.signal.aborted ? interrupt.signal.reason : error;
  } finally {
    progress.stop();
    removeSignalHandlers();
  }
}

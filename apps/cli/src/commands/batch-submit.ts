import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { type AnySchema, createResponseModel, fromJsonSchema, isResponseModel, type JsonObjectSchema } from "@cortex-ml/schemas";
import { parseInputLines } from "@cortex-ml/batch/records";
import { endpointsOf, jobNameOf, positiveNumberOf, queueFlags, queueFlagsHelp, queueUrlOf } from "../batch/queue-flags.js";
import { readPriceTable } from "../batch/price-table.js";
import type { CliIO } from "../cli-io.js";
import { ExitCode } from "../exit-codes.js";
import { loadSchema } from "../load-schema.js";
import { readTextFile } from "../read-text-file.js";
import { UsageError } from "../usage-error.js";

/** Help text of `cortex-ml batch submit`. */
export const batchSubmitHelp = `Usage: cortex-ml batch submit INPUT.jsonl --queue URL --job NAME --schema SCHEMA [options]

Enqueues one record per input line on a Redis job queue, for any number of
\`cortex-ml worker\` processes to run. The input is read as \`cortex-ml batch\`
reads it. Idempotent: a record's id is the job name and its line, so running
the same submit again adds nothing; a longer input adds only the new lines.
A job keeps the settings of its first submit (schema, model, endpoints,
limits); running submit again adds records, and with a higher budget
resumes a job paused on its budget.

Options:
${queueFlagsHelp}
  -s, --schema SCHEMA  a JSON Schema file, or a JS/TS module exporting a Valibot schema
                       (stored as JSON Schema; workers may pass --schema for the exact one)
  -m, --model NAME     the model the workers ask (a worker's own --model wins)
  --endpoint URL       an OpenAI-compatible base URL; repeat it to spread the records
                       across several (default: each worker's own --base-url)
  --text-field NAME    the field holding the text in object lines (default "text")
  --system TEXT        system prompt (default: "Extract the requested data from the text.")
  --max-retries N      re-asks after an invalid answer (default 3)
  --temperature T      default 0
  --seed N             default 42
  --rpm N              requests per minute per endpoint, shared by every worker
  --tpm N              tokens per minute per endpoint, shared by every worker
  --budget-tokens N    stop cleanly once the job has used N tokens
  --budget-dollars D   stop cleanly once the job has spent D dollars (needs --prices)
  --prices FILE        a JSON price table: {"MODEL": {"inputPerMillion": 2.5, "outputPerMillion": 10}}
  --max-deliveries N   times a record is tried on failing endpoints before it is written as failed (default 5)
  --json               the result as JSON on stdout
  -h, --help           show this help

Examples:
  cortex-ml batch submit notes.jsonl --queue redis://queue:6379 --job notes-1 --schema person.json --model llama3.2
  cortex-ml batch submit notes.jsonl --queue redis://queue:6379 --job notes-1 --schema person.json \\
    --endpoint http://gpu-1:11434/v1 --endpoint http://gpu-2:11434/v1 --rpm 600 --budget-tokens 2000000
`;

/** The JSON Schema the workers validate against, from `--schema`. */
async function jsonSchemaOf(specifier: string, cwd: string): Promise<JsonObjectSchema> {
  if (specifier.endsWith(".json")) {
    const path = resolve(cwd, specifier);
    let schema: unknown;
    try {
      schema = JSON.parse(readTextFile(path, `--schema ${specifier}`));
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(`--schema ${specifier}: not valid JSON (${(error as Error).message})`);
    }
    try {
      fromJsonSchema(schema as Record<string, unknown>);
    } catch (error) {
      throw new UsageError(`--schema ${specifier}: ${(error as Error).message}`);
    }
    return schema as JsonObjectSchema;
  }
  const model = await loadSchema(specifier, cwd);
  return isResponseModel(model) ? model.jsonSchema : createResponseModel(model as AnySchema).jsonSchema;
}

/** `cortex-ml batch submit`: enqueue a JSONL file's records on a Redis job queue. */
export async function batchSubmitCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...queueFlags,
      schema: { type: "string", short: "s" },
      model: { type: "string", short: "m" },
      endpoint: { type: "string", multiple: true },
      "text-field": { type: "string" },
      system: { type: "string" },
      "max-retries": { type: "string" },
      temperature: { type: "string" },
      seed: { type: "string" },
      rpm: { type: "string" },
      tpm: { type: "string" },
      "budget-tokens": { type: "string" },
      "budget-dollars": { type: "string" },
      prices: { type: "string" },
      "max-deliveries": { type: "string" },
    },
    strict: true,
  });
  if (values.help) {
    io.stdout.write(batchSubmitHelp);
    return ExitCode.ok;
  }
  const [inputName, ...extra] = positionals;
  if (inputName === undefined) throw new UsageError("give the input JSONL file, e.g. cortex-ml batch submit input.jsonl --queue redis://127.0.0.1:6379 --job notes-1 --schema person.json");
  if (extra.length > 0) throw new UsageError(`give one input file (got ${positionals.length})`);
  const redisUrl = queueUrlOf(values.queue, io.environment);
  const job = jobNameOf(values.job, "--job notes-1");
  if (values.schema === undefined) throw new UsageError("--schema is required, e.g. --schema person.json or --schema models.ts#Person");
  const textField = values["text-field"] ?? "text";
  if (textField === "") throw new UsageError("--text-field must not be empty");
  const maxRetries = values["max-retries"] === undefined ? undefined : Number(values["max-retries"]);
  if (maxRetries !== undefined && (!Number.isInteger(maxRetries) || maxRetries < 0)) throw new UsageError(`--max-retries expects a whole number, 0 or more, got "${values["max-retries"]}"`);
  const temperature = values.temperature === undefined ? undefined : Number(values.temperature);
  if (temperature !== undefined && (!Number.isFinite(temperature) || temperature < 0)) throw new UsageError(`--temperature expects a number, 0 or more, got "${values.temperature}"`);
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && !Number.isInteger(seed)) throw new UsageError(`--seed expects a whole number, got "${values.seed}"`);
  const requestsPerMinute = positiveNumberOf("rpm", values.rpm, false);
  const tokensPerMinute = positiveNumberOf("tpm", values.tpm, false);
  const budgetTokens = positiveNumberOf("budget-tokens", values["budget-tokens"], true);
  const budgetDollars = positiveNumberOf("budget-dollars", values["budget-dollars"], false);
  const maxDeliveries = positiveNumberOf("max-deliveries", values["max-deliveries"], true);
  const prices = values.prices === undefined ? {} : readPriceTable(resolve(io.cwd, values.prices), values.prices);
  if (budgetDollars !== undefined && Object.keys(prices).length === 0) throw new UsageError("--budget-dollars needs --prices FILE: the price of each model's tokens");
  const endpoints = endpointsOf(values.endpoint);
  const schema = await jsonSchemaOf(values.schema, io.cwd);
  const lines = parseInputLines(readTextFile(resolve(io.cwd, inputName), `the input ${inputName}`), textField);

  const { submitJob } = await import("@cortex-ml/batch");
  const result = await submitJob({
    redisUrl,
    job,
    lines,
    settings: {
      schema,
      ...(values.model === undefined ? {} : { model: values.model }),
      ...(values.system === undefined ? {} : { system: values.system }),
      endpoints,
      callSettings: {
        ...(maxRetries === undefined ? {} : { maxRetries }),
        ...(temperature === undefined ? {} : { temperature }),
        ...(seed === undefined ? {} : { seed }),
      },
      limits: {
        ...(requestsPerMinute === undefined ? {} : { requestsPerMinute }),
        ...(tokensPerMinute === undefined ? {} : { tokensPerMinute }),
      },
      prices,
      ...(maxDeliveries === undefined ? {} : { maxDeliveries }),
    },
    ...(budgetTokens === undefined && budgetDollars === undefined
      ? {}
      : { budget: { ...(budgetTokens === undefined ? {} : { tokens: budgetTokens }), ...(budgetDollars === undefined ? {} : { dollars: budgetDollars }) } }),
  });
  if (values.json) {
    io.stdout.write(`${JSON.stringify({ job, ...result })}\n`);
  } else {
    const invalid = result.invalid > 0 ? `, ${result.invalid} not records (written as InvalidRecordError)` : "";
    if (!result.created) io.stderr.write(`job ${job} exists: its settings (schema, model, endpoints, limits) are kept; records and the budget are added\n`);
    io.stdout.write(`job ${job}: ${result.added} records added, ${result.alreadySubmitted} already submitted${invalid}; ${result.total} in the job${result.resumed ? "; resumed (budget raised)" : ""}\n`);
    io.stdout.write(`run workers: cortex-ml worker --queue ${values.queue ?? "$CORTEX_QUEUE"} --job ${job}\n`);
  }
  return ExitCode.ok;
}

import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { BatchInterruptedError, type BatchVia, batchVias, type ProviderBatchResult, runProviderBatch } from "@cortex-ml/batch";
import { batchFileFlags } from "./batch-file-flags.js";
import type { CliIO } from "../cli-io.js";
import { connect, connectionFlags } from "../connection-options.js";
import { ExitCode } from "../exit-codes.js";
import { onInterruptSignals } from "../interrupt-signals.js";
import { loadSchema } from "../load-schema.js";
import { readTextFile } from "../read-text-file.js";
import { UsageError } from "../usage-error.js";
import { openStateStore } from "./batch-state-option.js";
import { readCompletedLines } from "./completed-lines.js";
import { formatBatchEvent } from "./format-batch-event.js";
import { parseInputLines } from "@cortex-ml/batch/records";
import { OutputFile } from "./output-file.js";
import { failedRecord, type OutputRecord, succeededRecord } from "./output-record.js";
import { parsePollInterval } from "./poll-interval.js";
import { defaultPollIntervalMs, providerBatchHelp } from "./provider-batch-help.js";

const defaultSystemPrompt = "Extract the requested data from the text.";
const providerOfVia: Readonly<Record<BatchVia, string>> = { "openai-batch": "openai", "anthropic-batch": "anthropic" };

/** The output record of a provider batch result, with its ledger. */
function outputRecordOf(result: ProviderBatchResult, id: unknown): OutputRecord {
  const line = Number(result.key);
  if (result.ok) return succeededRecord(line, id, result.data, result.ledger);
  const error = Object.assign(new Error(result.error.message), { name: result.error.name });
  return failedRecord(line, id, error, result.ledger);
}

/** `cortex-ml batch ... --via openai-batch|anthropic-batch`: the extraction through a provider batch API. */
export async function providerBatchCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...connectionFlags,
      ...batchFileFlags,
      via: { type: "string" },
      "poll-interval": { type: "string" },
      state: { type: "string" },
      job: { type: "string" },
      "max-tokens": { type: "string" },
    },
    strict: true,
  });
  if (values.help) {
    io.stdout.write(`${providerBatchHelp}\n`);
    return ExitCode.ok;
  }
  const via = values.via as BatchVia;
  if (!batchVias.includes(via)) throw new UsageError(`--via must be one of ${batchVias.join(", ")}, got "${values.via ?? ""}"`);
  const [inputName, ...extra] = positionals;
  if (inputName === undefined) throw new UsageError(`give the input JSONL file, e.g. cortex-ml batch input.jsonl -o output.jsonl --schema person.json --model gpt-4o-mini --via ${via}`);
  if (extra.length > 0) throw new UsageError(`give one input file (got ${positionals.length})`);
  if (values.output === undefined) throw new UsageError("--output (-o) is required: the JSONL file the records are appended to");
  if (values.schema === undefined) throw new UsageError("--schema is required, e.g. --schema person.json or --schema models.ts#Person");
  const modelFlag = values.model ?? (io.environment.CORTEX_MODEL?.trim() || undefined);
  if (modelFlag === undefined) throw new UsageError(`--model is required with --via ${via}, e.g. --model ${via === "openai-batch" ? "gpt-4o-mini" : "claude-3-5-haiku-latest"}`);
  const textField = values["text-field"] ?? "text";
  if (textField === "") throw new UsageError("--text-field must not be empty");
  const pollInterval = parsePollInterval(values["poll-interval"], defaultPollIntervalMs);
  const maxTokens = values["max-tokens"] === undefined ? undefined : Number(values["max-tokens"]);
  if (maxTokens !== undefined && (!Number.isInteger(maxTokens) || maxTokens < 1)) throw new UsageError(`--max-tokens expects a whole number, 1 or more, got "${values["max-tokens"]}"`);
  const inputPath = resolve(io.cwd, inputName);
  const outputPath = resolve(io.cwd, values.output);
  if (inputPath === outputPath) throw new UsageError("the output file must not be the input file");

  const responseModel = await loadSchema(values.schema, io.cwd);
  const impliedProvider = values.provider === undefined && !modelFlag.includes("/") ? providerOfVia[via] : values.provider;
  const connection = await connect({ ...values, model: modelFlag, ...(impliedProvider === undefined ? {} : { provider: impliedProvider }) }, io.environment);
  const lines = parseInputLines(readTextFile(inputPath, `the input ${inputName}`), textField);
  const system = values.system ?? defaultSystemPrompt;
  const ids = new Map<number, unknown>();
  const records = lines.flatMap((parsed) => {
    if (!parsed.ok) return [];
    ids.set(parsed.record.line, parsed.record.id);
    return [{ key: String(parsed.record.line), messages: [{ role: "system" as const, content: system }, { role: "user" as const, content: parsed.record.text }] }];
  });

  let output: OutputFile;
  try {
    output = new OutputFile(outputPath);
  } catch (error) {
    throw new UsageError(`cannot write the output ${values.output} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const { store, shown } = openStateStore(values.state, outputPath);
  const startedAt = Date.now();
  const interrupt = new AbortController();
  const removeSignalHandlers = onInterruptSignals((signal) => interrupt.abort(new Error(`${signal} received`)));
  const written = new Set<number>();
  let succeeded = 0;
  let failed = 0;
  try {
    const earlier = readCompletedLines(outputPath);
    if (earlier.truncatedBytes > 0) io.stderr.write(`cut off an unfinished last line of ${values.output} (from an interrupted run)\n`);
    const write = (record: OutputRecord) => {
      if (written.has(record.line) || (record.ok && earlier.succeeded.has(record.line))) return;
      output.write(record);
      written.add(record.line);
      if (record.ok) succeeded += 1;
      else failed += 1;
    };
    for (const parsed of lines) if (!parsed.ok) write(failedRecord(parsed.invalid.line, parsed.invalid.id, parsed.invalid.error));
    io.stderr.write(`job ${values.job ?? outputPath} (state in ${shown}), ${records.length} record${records.length === 1 ? "" : "s"} via ${via}\n`);
    let lastLine = "";
    const outcome = await runProviderBatch({
      client: connection.client,
      via,
      responseModel,
      records,
      jobId: values.job ?? outputPath,
      store,
      model: connection.model,
      pollInterval,
      ...(connection.callSettings.maxRetries === undefined ? {} : { maxRetries: connection.callSettings.maxRetries }),
      requestFields: {
        ...(connection.callSettings.temperature === undefined ? {} : { temperature: connection.callSettings.temperature }),
        ...(connection.callSettings.seed === undefined ? {} : { seed: connection.callSettings.seed }),
        ...(maxTokens === undefined ? {} : { max_tokens: maxTokens }),
      },
      signal: interrupt.signal,
      onEvent: (event) => {
        const line = formatBatchEvent(event);
        if (line !== undefined && line !== lastLine) io.stderr.write(`${line}\n`);
        lastLine = line ?? lastLine;
      },
      onResult: (result) => write(outputRecordOf(result, ids.get(Number(result.key)))),
    });
    // Results saved by an earlier run that was killed before writing them.
    for (const result of outcome.results) write(outputRecordOf(result, ids.get(Number(result.key))));
    const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
    const tokens = outcome.results.reduce((sum, result) => sum + result.ledger.usage.totalTokens, 0);
    const skipped = lines.length - succeeded - failed;
    io.stderr.write(`done: ${succeeded} ok, ${failed} failed, ${skipped} skipped (already in output) in ${seconds} s; ${outcome.batchIds.length} batch${outcome.batchIds.length === 1 ? "" : "es"}, ${tokens} tokens\n`);
    const anyFailed = outcome.results.some((result) => !result.ok) || lines.some((parsed) => !parsed.ok);
    return anyFailed ? ExitCode.failed : ExitCode.ok;
  } catch (error) {
    if (BatchInterruptedError.isInstance(error)) {
      io.stderr.write(`interrupted: ${error.message} Rerun the same command to resume.\n`);
      return ExitCode.interrupted;
    }
    throw error;
  } finally {
    removeSignalHandlers();
    output.close();
    await store.close();
  }
}

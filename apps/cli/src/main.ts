import { type CliIO, processIO } from "./cli-io.js";
import { batchCommand, batchHelp } from "./commands/batch.js";
import { cacheCommand, cacheHelp } from "./commands/cache.js";
import { doctorCommand, doctorHelp } from "./commands/doctor.js";
import { evalCommand, evalHelp } from "./commands/eval.js";
import { extractCommand, extractHelp } from "./commands/extract.js";
import { modelsCommand, modelsHelp } from "./commands/models.js";
import { workerCommand, workerHelp } from "./commands/worker.js";
import { usageErrorFromLibrary } from "./cli-wording.js";
import { ExitCode } from "./exit-codes.js";
import { usageErrorFromParseArgs } from "./parse-args-error.js";
import { reportError, reportUsageError } from "./report-error.js";
import { UsageError } from "./usage-error.js";
import { cliVersion } from "./version.js";

/** Help text of `cortex-ml`. */
export const mainHelp = `Usage: cortex-ml <command> [options]

Structured output from any OpenAI-compatible endpoint (Ollama first).

Commands:
  extract     extract structured data from text (prints validated JSON)
  batch       extract from every line of a JSONL file, resumable, with progress
              (batch submit|status|collect|budget: the same on a Redis job queue)
  worker      run records of queued jobs (any number of workers, any number of machines)
  doctor      check the endpoint, the model, and the JSON modes; say what to fix
  eval        compare models and modes on labelled records: precision, recall, F1 per field
  models      list the models the endpoint has
  cache       stats or clear of the response cache (~/.cache/cortex-ml/cache.db)

Global options:
  -h, --help     show help (also: cortex-ml <command> --help)
  -v, --version  print the version
  --json         errors (usage errors too) as one JSON object on stderr
  --verbose      errors with details

Environment:
  OLLAMA_BASE_URL  endpoint (default http://localhost:11434/v1)
  CORTEX_API_KEY   API key for hosted endpoints (never printed)

Exit codes: 0 ok, 1 call failed, 2 usage error, 3 endpoint unreachable, 4 model not found, 130 interrupted (Ctrl-C).
`;

const commands: Record<string, { run: (args: string[], io: CliIO) => Promise<number>; help: string }> = {
  batch: { run: batchCommand, help: batchHelp },
  cache: { run: cacheCommand, help: cacheHelp },
  doctor: { run: doctorCommand, help: doctorHelp },
  eval: { run: evalCommand, help: evalHelp },
  extract: { run: extractCommand, help: extractHelp },
  models: { run: modelsCommand, help: modelsHelp },
  worker: { run: workerCommand, help: workerHelp },
};

/** Runs the command line and resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIO = processIO): Promise<number> {
  const json = argv.includes("--json");
  const verbose = argv.includes("--verbose");
  // The global flags may come before the command too (`cortex-ml --json models`); commands take --json themselves.
  const nameIndex = argv.findIndex((arg) => arg !== "--json" && arg !== "--verbose");
  const name = nameIndex === -1 ? undefined : argv[nameIndex];
  const rest = [...argv.slice(nameIndex + 1), ...argv.slice(0, Math.max(0, nameIndex))].filter((arg) => arg !== "--verbose");
  if (name === undefined || name === "-h" || name === "--help" || name === "help") {
    io.stdout.write(mainHelp);
    return name === undefined ? ExitCode.usage : ExitCode.ok;
  }
  if (name === "-v" || name === "--version") {
    io.stdout.write(`${cliVersion()}\n`);
    return ExitCode.ok;
  }
  const command = commands[name];
  if (!command) {
    return reportUsageError(io, undefined, `unknown command "${name}". Commands: ${Object.keys(commands).join(", ")}`, { json });
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    const usage = error instanceof UsageError ? error : (usageErrorFromParseArgs(error) ?? usageErrorFromLibrary(error));
    if (usage) return reportUsageError(io, name, usage.message, { json });
    return reportError(io, error, { json, verbose });
  }
}

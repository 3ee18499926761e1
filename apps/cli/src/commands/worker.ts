import { parseArgs } from "node:util";
import { endpointsOf, positiveNumberOf, queueFlags, queueUrlOf } from "../batch/queue-flags.js";
import type { CliIO } from "../cli-io.js";
import { messageInCliWords } from "../cli-wording.js";
import { closeConnections, connect, connectionFlags, connectionHelp } from "../connection-options.js";
import { ExitCode } from "../exit-codes.js";
import { onInterruptSignals } from "../interrupt-signals.js";
import { loadSchema } from "../load-schema.js";
import { UsageError } from "../usage-error.js";

const defaultConcurrency = 8;
const maximumConcurrency = 256;

/** Help text of `cortex-ml worker`. */
export const workerHelp = `Usage: cortex-ml worker --queue URL [--job NAME] [--concurrency N] [options]

Pulls records of jobs submitted with \`cortex-ml batch submit\` from Redis and
runs them with the same client, modes, re-asks and typed errors as
\`cortex-ml batch\`. Start any number of workers on any number of machines:
each record is run by one of them, a worker killed mid-record loses nothing
(its records go to another worker), and each record is written once.

Each endpoint gets an adaptive limit of requests in flight (AIMD: it grows
while answers are healthy, halves on 429/503 or slow answers, up to
--concurrency); an endpoint that fails is taken out and tried again later.
The job's requests/min and tokens/min limits are shared by all workers.

Ctrl-C (or SIGTERM) stops taking records and finishes the ones in flight;
a second Ctrl-C exits at once (those records go to another worker).

Options:
  --queue URL          the Redis of the job queue (default $CORTEX_QUEUE)
  --job NAME           serve this job only (default: every submitted job, new ones too)
  --concurrency N      most records in flight per job, 1 to ${maximumConcurrency} (default ${defaultConcurrency})
  --endpoint URL       use these base URLs instead of the job's (repeat it)
  -s, --schema SCHEMA  the exact schema (a Valibot module keeps its transforms) instead of the job's JSON Schema
  --stall-ms MS        a record whose worker is silent this long goes to another worker (default 30000)
${connectionHelp}
  --json               errors as one JSON object on stderr
  -h, --help           show this help
The API key (--api-key or the provider's variable) stays on this machine: it is never stored in Redis.

Examples:
  cortex-ml worker --queue redis://queue:6379 --concurrency 16
  cortex-ml worker --queue redis://queue:6379 --job notes-1 --provider openai --model gpt-4o-mini
`;

/** `cortex-ml worker`: run queued records until stopped. */
export async function workerCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...queueFlags,
      ...connectionFlags,
      concurrency: { type: "string" },
      endpoint: { type: "string", multiple: true },
      schema: { type: "string", short: "s" },
      "stall-ms": { type: "string" },
    },
    strict: true,
  });
  if (values.help) {
    io.stdout.write(workerHelp);
    return ExitCode.ok;
  }
  if (positionals.length > 0) throw new UsageError(`worker takes no file (got "${positionals[0]}"): submit files with cortex-ml batch submit`);
  const redisUrl = queueUrlOf(values.queue, io.environment);
  const concurrency = positiveNumberOf("concurrency", values.concurrency, true) ?? defaultConcurrency;
  if (concurrency > maximumConcurrency) throw new UsageError(`--concurrency expects a whole number from 1 to ${maximumConcurrency}, got "${values.concurrency}"`);
  const stallMs = positiveNumberOf("stall-ms", values["stall-ms"], true);
  const endpoints = endpointsOf(values.endpoint);
  const responseModel = values.schema === undefined ? undefined : await loadSchema(values.schema, io.cwd);
  // The model is the job's unless this worker names one.
  const ownModel = values.model ?? io.environment.CORTEX_MODEL;
  const first = await connect(values, io.environment);
  const createClient = async (baseURL: string | undefined) =>
    baseURL === undefined ? first.client : (await connect({ ...values, "base-url": baseURL }, io.environment)).client;

  const { runWorker } = await import("@cortex-ml/batch");
  let done = 0;
  const worker = await runWorker({
    redisUrl,
    ...(values.job === undefined ? {} : { job: values.job }),
    concurrency,
    createClient,
    ...(ownModel === undefined ? {} : { model: first.model }),
    ...(responseModel === undefined ? {} : { responseModel }),
    ...(endpoints.length > 0 ? { endpoints } : {}),
    describeError: messageInCliWords,
    ...(stallMs === undefined ? {} : { lockDurationMs: stallMs, stalledIntervalMs: stallMs }),
    onRecordDone: () => {
      done += 1;
    },
  });
  io.stderr.write(`worker: serving ${values.job === undefined ? `every job on ${redisUrl} (${worker.jobs().length} now)` : `job ${values.job}`}, up to ${concurrency} records at a time\n`);
  const stopped = new Promise<void>((resolve) => {
    const removeHandlers = onInterruptSignals(() => {
      io.stderr.write("worker: stopping, finishing the records in flight (Ctrl-C again to leave them to another worker)\n");
      removeHandlers();
      const forceHandlers = onInterruptSignals(() => void worker.close(true));
      void worker.close().then(() => {
        forceHandlers();
        resolve();
      });
    });
  });
  await stopped;
  await closeConnections();
  io.stderr.write(`worker: stopped after ${done} records\n`);
  return ExitCode.ok;
}

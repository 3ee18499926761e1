// A queue worker process for the scale bench, on the built packages (dist):
//   tsx bench/worker-process.ts REDIS_URL CONCURRENCY
// Serves every job on REDIS_URL, prints "ready", stops when stdin closes or on SIGTERM.
import { createInstructor, Mode } from "@cortex-ml/core";
import { runWorker } from "@cortex-ml/batch";

const [redisUrl, concurrency] = process.argv.slice(2);
if (redisUrl === undefined) throw new Error("usage: worker-process.ts REDIS_URL CONCURRENCY");
const worker = await runWorker({
  redisUrl,
  concurrency: Number(concurrency ?? 32),
  createClient: (baseURL) => createInstructor({ baseURL: baseURL ?? "http://127.0.0.1:9/v1", mode: Mode.JSON }),
  discoverEveryMs: 100,
});
process.stdout.write("ready\n");
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void worker.close().then(() => process.exit(0));
};
process.once("SIGTERM", stop);
process.stdin.once("end", stop);
process.stdin.resume();

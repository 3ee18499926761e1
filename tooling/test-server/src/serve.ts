// Runnable entry for benchmarks: `tsx src/serve.ts --content '<json text>'`.
// Starts a test server whose every completion answers the given content (requests are not recorded),
// prints one line `{"port":N,"baseURL":"..."}`, and exits on SIGTERM, SIGINT or when stdin closes.
import { completion } from "./completion.js";
import { stopWhenParentGone } from "./parent-gone.js";
import { parseServeArgs, type ServeOptions } from "./serve-options.js";
import { startTestServer } from "./test-server.js";

let options: ServeOptions;
try {
  options = parseServeArgs(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
}

const reply = completion(options.content);
const server = await startTestServer({ fallback: reply, recordRequests: false });
let stopping = false;

/** Close the server and exit; later calls do nothing. */
function stop(): void {
  if (stopping) return;
  stopping = true;
  server.close().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}

stopWhenParentGone(stop);
process.stdout.write(`${JSON.stringify({ port: server.port, baseURL: server.baseURL })}\n`);

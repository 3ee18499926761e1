#!/usr/bin/env node
// cortex-local-serve <model.gguf | hf:user/repo/file.gguf> [--port 8080] [--host 127.0.0.1] [--threads N] [--context-size N] [--max-tokens N] [--max-thought-tokens N]
import { startLocalServer } from "./serve.js";

function flag(args: readonly string[], name: string): string | undefined {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : undefined;
}

function integer(args: readonly string[], name: string): number | undefined {
  const text = flag(args, name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value)) throw new Error(`--${name} expects an integer, got ${JSON.stringify(text)}`);
  return value;
}

/** Starts the loopback server from command-line arguments and stops it on SIGINT / SIGTERM. */
export async function serveFromCommandLine(args: readonly string[]): Promise<void> {
  const modelPath = args.find((arg, index) => !arg.startsWith("--") && !args[index - 1]?.startsWith("--"));
  if (!modelPath) {
    console.error("usage: cortex-local-serve <model.gguf | hf:user/repo/file.gguf> [--port 8080] [--host 127.0.0.1] [--threads N] [--context-size N] [--max-tokens N] [--max-thought-tokens N]");
    process.exitCode = 2;
    return;
  }
  const port = integer(args, "port");
  const threads = integer(args, "threads");
  const contextSize = integer(args, "context-size");
  const maxTokens = integer(args, "max-tokens");
  const maxThoughtTokens = integer(args, "max-thought-tokens");
  const host = flag(args, "host");
  const server = await startLocalServer({
    modelPath,
    ...(port !== undefined ? { port } : {}),
    ...(host !== undefined ? { host } : {}),
    ...(threads !== undefined ? { threads } : {}),
    ...(contextSize !== undefined ? { contextSize } : {}),
    ...(maxTokens !== undefined ? { maxTokens } : {}),
    ...(maxThoughtTokens !== undefined ? { maxThoughtTokens } : {}),
  });
  await server.transport.engine.load();
  console.log(`cortex-ml local server: ${server.baseURL} (model "${server.modelId}", ${server.transport.engine.threads} thread(s)). Ctrl-C stops it.`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

serveFromCommandLine(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});

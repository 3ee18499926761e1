import { type ChildProcess, spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { JsonObjectSchema } from "@cortex-ml/schemas";
import { type OutputRecord, type ParsedInputLine, parseInputLines } from "../src/index.js";

const here = dirname(fileURLToPath(import.meta.url));

/** The JSON Schema every test job extracts: `{ name: string }`. */
export const personSchema: JsonObjectSchema = { type: "object", properties: { name: { type: "string" } }, required: ["name"] };

/** Input lines `{"id":"r<n>","text":...}` for the given texts, parsed as `cortex-ml batch` reads them. */
export function inputLines(texts: readonly string[]): ParsedInputLine[] {
  return parseInputLines(texts.map((text, index) => JSON.stringify({ id: `r${index + 1}`, text })).join("\n"), "text");
}

/** `count` ordinary record texts. */
export function names(count: number, prefix = "person"): string[] {
  return Array.from({ length: count }, (_, index) => `${prefix} ${index + 1}`);
}

/** A worker process started by a test. */
export interface WorkerProcess {
  readonly child: ChildProcess;
  /** Resolves with the exit code or signal. */
  readonly exited: Promise<number | string>;
  /** SIGKILL: no chance to finish its records. */
  kill9(): Promise<void>;
  /** SIGTERM: finishes its records, then exits. */
  stop(): Promise<void>;
}

/** Starts `test/fixtures/worker-process.ts` as a real process; resolves once it serves. */
export async function startWorkerProcess(redisUrl: string, concurrency: number, job = "", environment: Record<string, string> = {}): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ["--conditions=@cortex-ml/source", "--import", "tsx", join(here, "fixtures", "worker-process.ts"), redisUrl, String(concurrency), job], {
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...process.env, ...environment },
  });
  let output = "";
  const exited = new Promise<number | string>((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal ?? "unknown")));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the worker did not start within 20 s: ${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("ready\n")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the worker exited (${code}) before it was ready: ${output}`));
    });
  });
  return {
    child,
    exited,
    kill9: async () => {
      child.kill("SIGKILL");
      await exited;
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Polls `check` every 50 ms until it resolves true; throws after `timeoutMs` with `what`. */
export async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Asserts-ready summary: each line's count of records (every line must be 1). */
export function linesSeen(records: readonly OutputRecord[]): Map<number, number> {
  const seen = new Map<number, number>();
  for (const record of records) seen.set(record.line, (seen.get(record.line) ?? 0) + 1);
  return seen;
}

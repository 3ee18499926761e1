import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RecordedRequest, type ScriptedReply, startTestServer } from "@cortex-ml/test-server";
import * as v from "valibot";
import { ejectCassette } from "../src/cassette/cassette-registry.js";
import { type CassetteMode, createInstructor, type InstructorClient, type InstructorOptions } from "../src/index.js";

/** The response model of most cassette tests. */
export const Person = v.object({ name: v.string(), age: v.number() });

/** Messages with one user message. */
export const ask = (content: string) => [{ role: "user" as const, content }];

/** Fast transport retries, so a test that retries does not wait. */
export const fast = { transportRetry: { initialDelayMs: 1, maxDelayMs: 2 } } as const;

/** A folder of cassettes for one test file, and a fresh file name in it. */
export function cassetteFolder(): { readonly dir: string; readonly file: (name?: string) => string; readonly remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "cortex-cassette-"));
  let count = 0;
  return {
    dir,
    file: (name) => {
      count += 1;
      return join(dir, `${name ?? "cassette"}-${count}.jsonl`);
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A client on `baseURL` through the cassette at `path`, whose answers start from the first (the open cassette is forgotten). */
export function cassetteClient(baseURL: string, path: string, mode: CassetteMode, options: InstructorOptions = {}): InstructorClient {
  ejectCassette(path);
  return createInstructor({ baseURL, ...fast, ...options, cassette: { path, mode } });
}

/** Collects an async iterable. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/** What a call settled with: its value, or the error. */
export async function settle<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  try {
    return { value: await promise };
  } catch (error) {
    return { error };
  }
}

/**
 * Runs `call` against a test server scripted with `replies`, recording to a
 * cassette; stops the server; runs `call` again replaying the cassette,
 * offline. Returns both results and what the server received.
 */
export async function roundTrip<T>(
  path: string,
  replies: ScriptedReply[],
  call: (client: InstructorClient) => Promise<T>,
  options: InstructorOptions = {},
): Promise<{ readonly live: T; readonly replayed: T; readonly requests: readonly RecordedRequest[] }> {
  const server = await startTestServer({ replies });
  let live: T;
  try {
    live = await call(cassetteClient(server.baseURL, path, "record", options));
  } finally {
    await server.close();
  }
  const replayed = await call(cassetteClient(server.baseURL, path, "replay", options));
  return { live, replayed, requests: server.requests };
}

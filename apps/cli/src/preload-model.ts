import { basename } from "node:path";
import type { Connection } from "./connection-options.js";
import { type StatusOutput, StatusLine } from "./status-line.js";

const spinnerFrames = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏";
const spinnerIntervalMs = 100;

/**
 * Loads an in-process model (`--provider local`) before the first call,
 * showing a spinner on a terminal (`⠋ loading the local model x.gguf (3s)`);
 * nothing is drawn when stderr is not a terminal, and nothing is done for a
 * server. A model that fails to load is left to the first call, which
 * reports it with its fix.
 */
export async function preloadModel(connection: Connection, output: StatusOutput, signal?: AbortSignal): Promise<void> {
  if (connection.loadModel === undefined) return;
  const startedAt = Date.now();
  let frame = 0;
  const status = new StatusLine(
    output,
    () => {
      frame += 1;
      const seconds = Math.floor((Date.now() - startedAt) / 1000);
      return `${spinnerFrames[frame % spinnerFrames.length]} loading the local model ${basename(connection.model)} (${seconds}s)`;
    },
    spinnerIntervalMs,
  );
  status.start();
  try {
    await connection.loadModel(signal);
  } catch {
    // The first call fails the same way, with the error's usual wording and fix.
  } finally {
    status.stop();
  }
}

import { ExitCode } from "./exit-codes.js";

/**
 * Calls `onInterrupt` on the first SIGINT or SIGTERM; a second one exits at
 * once with code 130 (a batch's records already written are complete:
 * writes are synchronous). Returns the function that removes the handlers.
 */
export function onInterruptSignals(onInterrupt: (signal: NodeJS.Signals) => void): () => void {
  let received = false;
  const handler = (signal: NodeJS.Signals): void => {
    if (received) process.exit(ExitCode.interrupted);
    received = true;
    onInterrupt(signal);
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
  return () => {
    process.off("SIGINT", handler);
    process.off("SIGTERM", handler);
  };
}

/** The exit code of an interrupted batch (128 + SIGINT), as shells report Ctrl-C. */
export const interruptedExitCode = 130;

/**
 * Calls `onInterrupt` on the first SIGINT or SIGTERM; a second one exits at
 * once (every record already written is complete: writes are synchronous).
 * Returns the function that removes the handlers.
 */
export function onInterruptSignals(onInterrupt: (signal: NodeJS.Signals) => void): () => void {
  let received = false;
  const handler = (signal: NodeJS.Signals): void => {
    if (received) process.exit(interruptedExitCode);
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


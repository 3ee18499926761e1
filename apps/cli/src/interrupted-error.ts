/** A command stopped by Ctrl-C (SIGINT) or SIGTERM before it finished: exit code 130. */
export class InterruptedError extends Error {
  override readonly name = "Interrupted";

  constructor(signal: NodeJS.Signals) {
    super(`stopped by ${signal === "SIGINT" ? "Ctrl-C (SIGINT)" : signal} before the answer was complete`);
  }
}

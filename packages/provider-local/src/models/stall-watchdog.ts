/** A timer that fails when nothing happens for a while: `touch()` on progress, `stop()` when done. */
export interface StallWatchdog {
  /** Rejects with the stall error; never resolves. */
  readonly stalled: Promise<never>;
  readonly touch: () => void;
  readonly stop: () => void;
}

/** Starts a {@link StallWatchdog} that rejects with `error()` after `timeoutMs` without a `touch()`. */
export function startStallWatchdog(timeoutMs: number, error: () => unknown): StallWatchdog {
  let timer: NodeJS.Timeout | undefined;
  let fail: (reason: unknown) => void = () => {};
  const stalled = new Promise<never>((_resolve, reject) => {
    fail = reject;
  });
  // Nobody may be listening once the work is done.
  stalled.catch(() => {});
  const touch = () => {
    clearTimeout(timer);
    timer = setTimeout(() => fail(error()), timeoutMs);
  };
  touch();
  return { stalled, touch, stop: () => clearTimeout(timer) };
}

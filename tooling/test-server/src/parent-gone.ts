/**
 * Calls `stop` when the process that started this one is done with it:
 * SIGTERM, SIGINT, or its stdin ending or closing (the parent closed the pipe
 * or exited). For servers run as a child process by benchmarks, which close
 * the child's stdin to stop it.
 */
export function stopWhenParentGone(stop: () => void): void {
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  process.stdin.once("end", stop);
  process.stdin.once("close", stop);
  process.stdin.on("error", stop);
  process.stdin.resume();
}

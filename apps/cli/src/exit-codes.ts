/** Exit codes of the `cortex-ml` command, stable for scripts. */
export const ExitCode = {
  /** Done. */
  ok: 0,
  /** The model gave no valid answer, or another failure of the call itself. */
  failed: 1,
  /** Bad command line: unknown command or option, missing argument. */
  usage: 2,
  /** The endpoint could not be reached (connection refused, timeout). */
  unreachable: 3,
  /** The model is not on the server (`ollama pull <model>`). */
  modelNotFound: 4,
  /** Stopped by Ctrl-C (128 + SIGINT, as shells report it). */
  interrupted: 130,
} as const;

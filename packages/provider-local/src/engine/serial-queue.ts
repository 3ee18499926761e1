interface QueuedTask {
  readonly controller: AbortController;
  readonly start: () => void;
  readonly cancel: (reason: unknown) => void;
}

/**
 * Runs tasks one at a time, in arrival order: a model context has one
 * sequence, so generations must not overlap. Each task gets a signal that
 * fires when its caller's signal does or when {@link abortAll} is called; a
 * task still waiting when its signal fires leaves the queue at once.
 */
export class SerialQueue {
  private readonly waiting: QueuedTask[] = [];
  private running: QueuedTask | undefined;

  /** Tasks waiting for their turn (not counting the running one). */
  get pending(): number {
    return this.waiting.length;
  }

  /** True while a task runs. */
  get busy(): boolean {
    return this.running !== undefined;
  }

  /** Runs `task` after every task queued before it; rejects with the signal's reason if it fires while waiting. */
  run<T>(task: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<T>((resolve, reject) => {
      const controller = new AbortController();
      const forward = () => controller.abort(signal?.reason);
      signal?.addEventListener("abort", forward, { once: true });
      const entry: QueuedTask = {
        controller,
        start: () => {
          this.running = entry;
          let result: Promise<T>;
          try {
            result = task(controller.signal);
          } catch (error) {
            result = Promise.reject(error);
          }
          result.then(resolve, reject).finally(() => {
            signal?.removeEventListener("abort", forward);
            this.running = undefined;
            this.next();
          });
        },
        cancel: (reason) => {
          signal?.removeEventListener("abort", forward);
          reject(reason);
        },
      };
      controller.signal.addEventListener(
        "abort",
        () => {
          const index = this.waiting.indexOf(entry);
          if (index < 0) return;
          this.waiting.splice(index, 1);
          entry.cancel(controller.signal.reason);
        },
        { once: true },
      );
      this.waiting.push(entry);
      if (!this.running) this.next();
    });
  }

  /** Aborts the running task and cancels every waiting one with `reason`. */
  abortAll(reason: unknown): void {
    for (const entry of [...this.waiting]) entry.controller.abort(reason);
    this.running?.controller.abort(reason);
  }

  private next(): void {
    this.waiting.shift()?.start();
  }
}

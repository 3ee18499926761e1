import { AdaptiveConcurrency, type AdaptiveConcurrencyOptions, type RequestOutcome } from "./adaptive-concurrency.js";

/** One endpoint a worker sends records to. */
export interface PoolEndpoint<TClient> {
  /** Its base URL (or a name): the rate-limit key shared by every worker. */
  readonly url: string;
  readonly client: TClient;
}

/** A slot on one endpoint, held for one request. */
export interface EndpointLease<TClient> {
  readonly endpoint: PoolEndpoint<TClient>;
  /** Gives the slot back; a failure takes the endpoint out for a while, doubling each time. */
  release(outcome: RequestOutcome & { readonly retryAfterMs?: number }): void;
}

/** How long a failing endpoint stays out. */
export interface EndpointPoolOptions extends AdaptiveConcurrencyOptions {
  /** First time out after a failure. Default 1,000 ms. */
  readonly takeOutMs?: number;
  /** Longest time out. Default 30,000 ms. */
  readonly maxTakeOutMs?: number;
}

interface EndpointState<TClient> {
  readonly endpoint: PoolEndpoint<TClient>;
  readonly concurrency: AdaptiveConcurrency;
  outUntil: number;
  failures: number;
}

/**
 * The endpoints of a job in one worker: records go to the endpoint with the
 * most free room under its AIMD limit; an endpoint that fails (refused, 5xx,
 * 429) is taken out and tried again later.
 */
export class EndpointPool<TClient> {
  readonly #states: EndpointState<TClient>[];
  readonly #takeOutMs: number;
  readonly #maxTakeOutMs: number;
  readonly #waiters = new Set<() => void>();

  constructor(endpoints: readonly PoolEndpoint<TClient>[], options: EndpointPoolOptions = {}) {
    if (endpoints.length === 0) throw new Error("an endpoint pool needs at least one endpoint");
    this.#states = endpoints.map((endpoint) => ({ endpoint, concurrency: new AdaptiveConcurrency(options), outUntil: 0, failures: 0 }));
    this.#takeOutMs = options.takeOutMs ?? 1_000;
    this.#maxTakeOutMs = options.maxTakeOutMs ?? 30_000;
  }

  /** Each endpoint's current limit, in flight count, and whether it is out. */
  snapshot(): { url: string; limit: number; inFlight: number; out: boolean }[] {
    const now = Date.now();
    return this.#states.map((state) => ({ url: state.endpoint.url, limit: state.concurrency.limit, inFlight: state.concurrency.inFlight, out: state.outUntil > now }));
  }

  /** Waits for a free slot on a healthy endpoint (or the abort). */
  async acquire(signal?: AbortSignal): Promise<EndpointLease<TClient>> {
    for (;;) {
      signal?.throwIfAborted();
      const lease = this.#tryAcquire();
      if (lease !== undefined) return lease;
      await this.#waitForChange(signal);
    }
  }

  #tryAcquire(): EndpointLease<TClient> | undefined {
    const now = Date.now();
    const candidates = this.#states
      .filter((state) => state.outUntil <= now && state.concurrency.inFlight < state.concurrency.limit)
      .sort((left, right) => left.concurrency.inFlight / left.concurrency.limit - right.concurrency.inFlight / right.concurrency.limit);
    const chosen = candidates[0];
    if (chosen === undefined || !chosen.concurrency.tryAcquire()) return undefined;
    let released = false;
    return {
      endpoint: chosen.endpoint,
      release: (outcome) => {
        if (released) return;
        released = true;
        chosen.concurrency.release(outcome);
        if (outcome.kind === "answered") {
          chosen.failures = 0;
        } else {
          const backoff = Math.min(this.#maxTakeOutMs, this.#takeOutMs * 2 ** chosen.failures);
          chosen.failures += 1;
          chosen.outUntil = Math.max(chosen.outUntil, Date.now() + Math.max(backoff, outcome.retryAfterMs ?? 0));
        }
        this.#wake();
      },
    };
  }

  #wake(): void {
    for (const waiter of this.#waiters) waiter();
    this.#waiters.clear();
  }

  /** Resolves on the next release, when the first endpoint comes back, or on abort. */
  #waitForChange(signal?: AbortSignal): Promise<void> {
    const now = Date.now();
    const returns = this.#states.map((state) => state.outUntil).filter((until) => until > now);
    const waitMs = returns.length > 0 ? Math.min(...returns) - now : 1_000;
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", done);
        this.#waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(1, waitMs));
      signal?.addEventListener("abort", done, { once: true });
      this.#waiters.add(done);
    });
  }
}

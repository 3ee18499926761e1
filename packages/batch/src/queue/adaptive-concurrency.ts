/** How an adaptive limit grows and shrinks. */
export interface AdaptiveConcurrencyOptions {
  /** Requests in flight at the start. Default 2. */
  readonly initial?: number;
  /** Never below this. Default 1. */
  readonly minimum?: number;
  /** Never above this. Default 64. */
  readonly maximum?: number;
  /** An answer slower than this many times the usual latency counts as overload. Default 4. */
  readonly slowFactor?: number;
  /** Answers needed before latency can count as slow. Default 20. */
  readonly warmupSamples?: number;
  /** At most one halving per this many milliseconds, so one burst of rejections halves the limit once. Default 1,000. */
  readonly decreaseCooldownMs?: number;
  /** The clock, in milliseconds. Default `Date.now`. */
  readonly now?: () => number;
}

/** How one request ended, as the limit sees it. */
export type RequestOutcome =
  | { readonly kind: "answered"; readonly latencyMs: number }
  /** 429, 503: the endpoint asks for less. */
  | { readonly kind: "overloaded" }
  /** Connection refused, 5xx, timeout: nothing to learn about the limit. */
  | { readonly kind: "failed" };

/**
 * AIMD concurrency for one endpoint: +1 in-flight request after a full window
 * of healthy answers (as many as the limit), halved on a 429/503 or an answer
 * much slower than usual, at most once per cooldown so one burst of
 * rejections halves it once.
 */
export class AdaptiveConcurrency {
  readonly #minimum: number;
  readonly #maximum: number;
  readonly #slowFactor: number;
  readonly #warmupSamples: number;
  readonly #decreaseCooldownMs: number;
  readonly #now: () => number;
  #limit: number;
  #inFlight = 0;
  #healthyInWindow = 0;
  #decreasedAt = Number.NEGATIVE_INFINITY;
  #latencyMs = 0;
  #samples = 0;

  constructor(options: AdaptiveConcurrencyOptions = {}) {
    this.#minimum = Math.max(1, options.minimum ?? 1);
    this.#maximum = Math.max(this.#minimum, options.maximum ?? 64);
    this.#slowFactor = options.slowFactor ?? 4;
    this.#warmupSamples = options.warmupSamples ?? 20;
    this.#decreaseCooldownMs = options.decreaseCooldownMs ?? 1_000;
    this.#now = options.now ?? Date.now;
    this.#limit = Math.min(this.#maximum, Math.max(this.#minimum, options.initial ?? 2));
  }

  /** Requests allowed in flight now. */
  get limit(): number {
    return this.#limit;
  }

  /** Requests in flight now. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** Takes a slot when one is free. */
  tryAcquire(): boolean {
    if (this.#inFlight >= this.#limit) return false;
    this.#inFlight += 1;
    return true;
  }

  /** Gives the slot back and adapts the limit to how the request ended. */
  release(outcome: RequestOutcome): void {
    this.#inFlight = Math.max(0, this.#inFlight - 1);
    if (outcome.kind === "failed") return;
    if (outcome.kind === "overloaded" || this.#isSlow(outcome.latencyMs)) {
      this.#decrease();
      return;
    }
    this.#learnLatency(outcome.latencyMs);
    this.#healthyInWindow += 1;
    if (this.#healthyInWindow >= this.#limit) {
      this.#healthyInWindow = 0;
      this.#limit = Math.min(this.#maximum, this.#limit + 1);
    }
  }

  #isSlow(latencyMs: number): boolean {
    return this.#samples >= this.#warmupSamples && latencyMs > this.#latencyMs * this.#slowFactor;
  }

  #learnLatency(latencyMs: number): void {
    this.#samples += 1;
    this.#latencyMs = this.#samples === 1 ? latencyMs : this.#latencyMs + (latencyMs - this.#latencyMs) * 0.05;
  }

  #decrease(): void {
    this.#healthyInWindow = 0;
    const now = this.#now();
    if (now - this.#decreasedAt < this.#decreaseCooldownMs) return;
    this.#decreasedAt = now;
    this.#limit = Math.max(this.#minimum, Math.floor(this.#limit / 2));
  }
}

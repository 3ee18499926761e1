import type OpenAI from "openai";
import type { CacheOption } from "./cache/client-cache.js";
import type { Budget } from "./budget/budget.js";
import type { PriceTable } from "./budget/price-table.js";
import type { CassetteOptions } from "./cassette/cassette-settings.js";
import type { Hooks } from "./hooks.js";
import type { Logger } from "./logger.js";
import type { Mode } from "./modes/mode.js";
import type { ProviderDefinition } from "./providers/provider-definition.js";
import type { TelemetryOptions } from "./telemetry/telemetry-options.js";
import type { ChatTransport } from "./transport/chat-transport.js";
import type { TransportRetryPolicy } from "./transport/transport-retry-schedule.js";

/** Settings every call of a client starts from; each can be overridden per call. */
export interface ClientDefaults {
  /** Default `Mode.JSON`. */
  readonly mode: Mode;
  /** Default 0: deterministic-friendly. Always sent (Ollama uses 1.0 when it is absent). */
  readonly temperature: number;
  /** Default 42; `null` sends no seed. */
  readonly seed: number | null;
  /**
   * Re-asks after the first answer when it does not parse or validate.
   * Default 3: at most 4 requests per call (transport retries not counted).
   */
  readonly maxRetries: number;
  /** Transport retries of each request (connection errors, 408/409/429/5xx). */
  readonly transportRetry: TransportRetryPolicy;
  /** Deadline of each HTTP request in milliseconds. Default 600,000 (10 minutes, as openai-node). */
  readonly timeout: number;
  /** Deadline of the whole call, retries and re-asks included, in milliseconds. Default: none. */
  readonly totalTimeout: number | undefined;
  /** Repeat the schema in the system message in JSON_SCHEMA mode. Default false (it is on the wire already). */
  readonly schemaInPrompt: boolean;
  /** Streaming calls fail when the stream sends nothing for this long, in milliseconds. Default 60,000. */
  readonly idleTimeout: number;
}

/** Options of `createInstructor`. Everything is optional: the defaults talk to a local Ollama. */
export interface InstructorOptions extends Partial<Omit<ClientDefaults, "transportRetry">> {
  /** The model of calls that name none, e.g. `"llama3.2"` (`fromProvider` and `fromLocalModel` set it). */
  readonly model?: string;
  /** Default: `OLLAMA_BASE_URL`, else `http://localhost:11434/v1`. */
  readonly baseURL?: string;
  /** Default `"ollama"` (a placeholder: Ollama ignores it). Never logged or put in errors. */
  readonly apiKey?: string;
  /** Use this `openai` client instead of creating one (its base URL and key are used). */
  readonly openai?: OpenAI;
  /**
   * Send requests through this transport (an in-process engine, a test double)
   * instead of an `openai` client; the client then has no `openai` client at all.
   */
  readonly transport?: ChatTransport;
  /** Transport retry policy; unspecified fields keep their defaults. */
  readonly transportRetry?: Partial<TransportRetryPolicy>;
  /** Extra headers on every request. */
  readonly defaultHeaders?: Record<string, string>;
  /** A `fetch` implementation for the `openai` client. */
  readonly fetch?: typeof fetch;
  /** Largest answer read from the server, in bytes (streams included). Default 32 MiB. Applies to the `openai` client cortex-ml creates. */
  readonly maxResponseBytes?: number;
  /** Observers of every call of this client. */
  readonly hooks?: Hooks;
  /** Where rejected answers (field path + schema fragment) and ignored hook failures are logged. */
  readonly logger?: Logger;
  /**
   * Answers kept for calls that would send the same thing again (model,
   * messages, schema, mode, sampling, endpoint): `true` for the SQLite file
   * `~/.cache/cortex-ml/cache.db`, a store (`memoryCacheStore()`,
   * `sqliteCacheStore(path)`, your own), or `{ store, ttl }`. A hit is
   * validated again against today's schema. Default: no cache.
   */
  readonly cache?: CacheOption;
  /** The provider's request rules (supported modes, strict schemas, field fixes); set by `fromProvider`. */
  readonly provider?: ProviderDefinition;
  /**
   * Record this client's HTTP exchanges to a cassette file, or answer them
   * from it offline (see `CassetteOptions`); each field wins over a running
   * `useCassette` suite and over `CORTEX_CASSETTE` / `CORTEX_RECORD`.
   * `false`: never, whatever they say. Only for the `openai` client
   * cortex-ml builds.
   */
  readonly cassette?: CassetteOptions | false;
  /** The most each call may spend, re-asks included (a call's own `budget` replaces it). See {@link Budget}. */
  readonly budget?: Budget;
  /**
   * Your prices in USD per million tokens, by `"provider/model"`, `"model"`
   * or `"provider/*"`, over the example table (`examplePrices`). A budget's
   * `usd` is only checked for a model with a price.
   */
  readonly prices?: PriceTable;
  /** Repair near-JSON answers before a re-ask (default true); `false` re-asks instead. */
  readonly repair?: boolean;
  /** OpenTelemetry spans for every call, attempt and request: `{ tracer }`. Default: none, at no cost. */
  readonly telemetry?: TelemetryOptions;
}

import { CassetteFileError, CassetteMissError, InvalidArgumentError } from "../errors/index.js";
import { CarriedError } from "./carried-error.js";
import { openCassette } from "./cassette-registry.js";
import {
  type CassetteOptions,
  type CassetteSettings,
  checkCassetteOptions,
  environmentCassette,
  resolveCassetteSettings,
} from "./cassette-settings.js";
import { recordResponse } from "./record-response.js";
import { replayResponse } from "./replay-response.js";
import { readSentRequest } from "./sent-request.js";
import { suiteCassette } from "./suite-cassette.js";

async function exchange(
  inner: typeof fetch,
  settings: CassetteSettings,
  secrets: readonly string[],
  input: Parameters<typeof fetch>[0],
  init: RequestInit | undefined,
): Promise<Response> {
  const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
  signal?.throwIfAborted();
  const cassette = openCassette(settings);
  const request = await readSentRequest(input, init, secrets);
  const recorded = cassette.mode === "record" ? undefined : cassette.next(request);
  if (recorded !== undefined) return replayResponse(recorded.response, signal);
  if (cassette.mode === "replay") throw cassette.missError(request);
  const response = await inner(...request.forward);
  return recordResponse(response, signal, secrets, (answer) => cassette.add({ request: request.recorded, response: answer }));
}

/** A cassette's own typed failure, wrapped to pass through `openai`; anything else as it is. */
function carried(error: unknown): unknown {
  const typed = CassetteMissError.isInstance(error) || CassetteFileError.isInstance(error) || InvalidArgumentError.isInstance(error);
  return typed ? new CarriedError(error) : error;
}

/**
 * Wraps `fetch` so every exchange goes through a cassette (JSON lines, one
 * exchange a line): recorded, replayed offline, or both (`auto`). Each field
 * of `options` comes first; then, while a suite runs, `useCassette`'s
 * cassette (checked at each request, so a client created before the suite
 * obeys it); then `CORTEX_CASSETTE` and `CORTEX_RECORD` as they were when
 * this wrapper was made. With none, requests go straight to `inner`; `false`
 * turns cassettes off whatever the suite or the environment says. `secrets`
 * (the API key) are removed from what is written; request headers are never
 * written. cortex-ml's clients use this already; give it to an `openai`
 * client you build yourself, with `maxRetries: 0` (cortex-ml retries on its
 * own; `openai` would retry a miss as a connection error).
 *
 * Cassette failures (`CassetteMissError`, `CassetteFileError`, a wrong
 * setting) are thrown as a `CarriedError` whose `error` is the typed error,
 * so they survive the `openai` client's error wrapping.
 *
 * @example
 * const fetchThroughCassette = cassetteFetch(fetch, { path: "test/cassettes/chat.jsonl", mode: "auto" }, [apiKey]);
 * const client = fromOpenAI(new OpenAI({ baseURL, apiKey, maxRetries: 0, fetch: fetchThroughCassette }));
 */
export function cassetteFetch(inner: typeof fetch, options?: CassetteOptions | false, secrets: readonly string[] = []): typeof fetch {
  if (options === false) return inner;
  const checked = checkCassetteOptions(options);
  // Read once: process.env is slow to read (about 0.3 us a variable), and this runs on every request.
  const environment = environmentCassette();
  return (input, init) => {
    let settings: CassetteSettings | undefined;
    try {
      settings = resolveCassetteSettings(checked, suiteCassette() ?? environment);
    } catch (error) {
      return Promise.reject(carried(error));
    }
    // No cassette: straight to `inner`, with nothing in between.
    if (settings === undefined) return inner(input, init);
    return exchange(inner, settings, secrets, input, init).catch((error: unknown) => Promise.reject(carried(error)));
  };
}

import type { InstructorOptions } from "../client-options.js";
import { InvalidArgumentError } from "../errors/index.js";
import { cassetteFetch } from "./cassette-fetch.js";

const authHeader = /^(authorization|proxy-authorization|api-key|x-api-key|.*-(key|token|secret))$/i;

/** What must never reach a cassette: the API key and the values of auth-like default headers (with and without "Bearer "). */
function clientSecrets(options: InstructorOptions): string[] {
  const headerValues = Object.entries(options.defaultHeaders ?? {})
    .filter(([name]) => authHeader.test(name))
    .flatMap(([, value]) => [value, value.replace(/^\s*(Bearer|Basic)\s+/i, "")]);
  return [options.apiKey, ...headerValues].filter((secret): secret is string => typeof secret === "string" && secret.length > 0);
}

/** The `fetch` of the `openai` client `createInstructor` builds: through the client's cassette, if it has one. */
export function clientCassetteFetch(fetch: typeof globalThis.fetch, options: InstructorOptions): typeof globalThis.fetch {
  return cassetteFetch(fetch, options.cassette, clientSecrets(options));
}

/**
 * Fails when a `cassette` option is given to a client whose requests do not
 * go through an `openai` client cortex-ml builds: cassettes record HTTP, at
 * the `fetch` of that client.
 */
export function checkCassetteClient(options: InstructorOptions): void {
  if (!options.cassette || !(options.openai || options.transport)) return;
  throw new InvalidArgumentError({
    argument: "cassette",
    problem: options.transport
      ? "this client has its own transport (an in-process model), not HTTP; cassettes record the HTTP exchanges of clients from createInstructor({ baseURL }) and fromProvider()."
      : "this client sends through your own `openai` client; give that client the cassette instead: new OpenAI({ fetch: cassetteFetch(fetch, { path, mode }) }) (cassetteFetch is in @cortex-ml/core/testing).",
  });
}

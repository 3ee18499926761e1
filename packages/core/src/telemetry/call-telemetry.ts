import { InvalidArgumentError } from "../errors/index.js";
import { openTelemetryEffectTracer } from "./otel-effect-tracer.js";
import type { CallTelemetry, TelemetryOptions } from "./telemetry-options.js";

/** cortex-ml provider names whose GenAI semantic-conventions name differs. */
const semanticProviderNames: Readonly<Record<string, string>> = { mistral: "mistral_ai", xai: "x_ai" };

/** `server.address` and `server.port` of a base URL: host and port only. */
function serverOf(baseURL: string): { address: string | undefined; port: number | undefined } {
  try {
    const url = new URL(baseURL);
    const port = url.port === "" ? (url.protocol === "https:" ? 443 : 80) : Number(url.port);
    return { address: url.hostname, port };
  } catch {
    return { address: undefined, port: undefined };
  }
}

/**
 * A client's telemetry from its `telemetry` option: undefined when it has
 * none (calls then take no tracing step at all). Throws an
 * InvalidArgumentError naming the fix for something that is not a tracer.
 */
export function callTelemetry(options: TelemetryOptions | undefined, provider: string | undefined, baseURL: string): CallTelemetry | undefined {
  if (options === undefined) return undefined;
  const tracer = (options as Partial<TelemetryOptions> | null)?.tracer;
  if (typeof tracer?.startSpan !== "function") {
    throw new InvalidArgumentError({
      argument: "telemetry.tracer",
      problem: 'expected an OpenTelemetry tracer, e.g. telemetry: { tracer: trace.getTracer("my-app") } (from @opentelemetry/api).',
    });
  }
  if (options.recordContent !== undefined && typeof options.recordContent !== "boolean") {
    throw new InvalidArgumentError({ argument: "telemetry.recordContent", problem: `expected true or false, got ${JSON.stringify(options.recordContent)}.` });
  }
  const recordContent = options.recordContent === true;
  const server = serverOf(baseURL);
  return {
    tracer: openTelemetryEffectTracer(tracer, recordContent),
    recordContent,
    providerName: provider === undefined ? "openai" : (semanticProviderNames[provider] ?? provider),
    serverAddress: server.address,
    serverPort: server.port,
  };
}

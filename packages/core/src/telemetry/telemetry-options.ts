import type { Tracer as OpenTelemetryTracer } from "@opentelemetry/api";
import type { Tracer } from "effect/Tracer";

/**
 * Where a client's spans go: an OpenTelemetry tracer
 * (`trace.getTracer("my-app")`, or `provider.getTracer(...)` of your own
 * `TracerProvider`). Spans follow the OpenTelemetry GenAI semantic
 * conventions. Prompts and answers are never recorded unless
 * `recordContent` is true; API keys never are.
 */
export interface TelemetryOptions {
  readonly tracer: OpenTelemetryTracer;
  /** Record the messages sent and the answers received (`gen_ai.input.messages`, `gen_ai.output.messages`) and error messages. Default false. */
  readonly recordContent?: boolean;
}

/** A client's telemetry, resolved once: the Effect tracer that feeds OpenTelemetry, and the attributes every span shares. */
export interface CallTelemetry {
  readonly tracer: Tracer;
  readonly recordContent: boolean;
  /** `gen_ai.provider.name`. */
  readonly providerName: string;
  /** `server.address` and `server.port` of the base URL (host only, never its credentials). */
  readonly serverAddress: string | undefined;
  readonly serverPort: number | undefined;
}

import {
  type Attributes,
  type AttributeValue,
  type Context as OpenTelemetryContext,
  context as otelContext,
  ROOT_CONTEXT,
  type Span as OpenTelemetrySpan,
  SpanKind,
  SpanStatusCode,
  type Tracer as OpenTelemetryTracer,
  trace,
  TraceFlags,
} from "@opentelemetry/api";
import { Cause, type Context, Exit, Option } from "effect";
import * as Tracer from "effect/Tracer";

const kinds: Record<Tracer.SpanKind, SpanKind> = {
  internal: SpanKind.INTERNAL,
  client: SpanKind.CLIENT,
  server: SpanKind.SERVER,
  producer: SpanKind.PRODUCER,
  consumer: SpanKind.CONSUMER,
};

/** Nanoseconds (Effect's clock) as OpenTelemetry's `[seconds, nanoseconds]`. */
function hrTime(nanos: bigint): [number, number] {
  return [Number(nanos / 1_000_000_000n), Number(nanos % 1_000_000_000n)];
}

/** An attribute value OpenTelemetry accepts: primitives and arrays of them as they are, anything else as JSON. */
function attributeValue(value: unknown): AttributeValue | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (typeof value === "bigint") return Number(value);
  if (Array.isArray(value) && value.every((item) => typeof item === "string")) return value as string[];
  if (Array.isArray(value) && value.every((item) => typeof item === "number")) return value as number[];
  return JSON.stringify(value);
}

/** The `error.type` of a failure: a cortex-ml error's tag, else the error's name. */
export function errorType(error: unknown): string {
  const tag = (error as { _tag?: unknown } | null)?._tag;
  if (typeof tag === "string") return tag;
  return error instanceof Error ? error.name : "_OTHER";
}

/** An Effect span that is an OpenTelemetry span underneath. */
class BridgedSpan implements Tracer.Span {
  readonly _tag = "Span";
  readonly spanId: string;
  readonly traceId: string;
  readonly sampled: boolean;
  status: Tracer.SpanStatus;
  readonly attributes = new Map<string, unknown>();
  readonly links: Tracer.SpanLink[];

  constructor(
    readonly span: OpenTelemetrySpan,
    readonly name: string,
    readonly parent: Option.Option<Tracer.AnySpan>,
    readonly context: Context.Context<never>,
    links: readonly Tracer.SpanLink[],
    startTime: bigint,
    readonly kind: Tracer.SpanKind,
    private readonly recordMessages: boolean,
  ) {
    const spanContext = span.spanContext();
    this.spanId = spanContext.spanId;
    this.traceId = spanContext.traceId;
    this.sampled = (spanContext.traceFlags & TraceFlags.SAMPLED) === TraceFlags.SAMPLED;
    this.status = { _tag: "Started", startTime };
    this.links = [...links];
  }

  attribute(key: string, value: unknown): void {
    const converted = attributeValue(value);
    if (converted === undefined) return;
    this.span.setAttribute(key, converted);
    this.attributes.set(key, value);
  }

  event(name: string, startTime: bigint, attributes?: Record<string, unknown>): void {
    this.span.addEvent(name, attributes as Attributes | undefined, hrTime(startTime));
  }

  addLinks(links: readonly Tracer.SpanLink[]): void {
    this.links.push(...links);
  }

  /** Ends the span; a failure sets `error.type` and an error status (its message only when content is recorded). */
  end(endTime: bigint, exit: Exit.Exit<unknown, unknown>): void {
    this.status = { _tag: "Ended", startTime: this.status.startTime, endTime, exit };
    if (Exit.isFailure(exit)) {
      const interrupted = Cause.isInterruptedOnly(exit.cause);
      const error = interrupted ? undefined : Cause.squash(exit.cause);
      this.span.setAttribute("error.type", interrupted ? "interrupted" : errorType(error));
      const message = this.recordMessages && error instanceof Error ? error.message : interrupted ? "interrupted" : errorType(error);
      this.span.setStatus({ code: SpanStatusCode.ERROR, message });
    }
    this.span.end(hrTime(endTime));
  }
}

/** The OpenTelemetry context of an Effect parent span: ours, or a span context from elsewhere. */
function parentContext(parent: Option.Option<Tracer.AnySpan>, root: boolean): OpenTelemetryContext {
  if (root) return ROOT_CONTEXT;
  const active = otelContext.active();
  if (Option.isNone(parent)) return active;
  const span = parent.value;
  if (span instanceof BridgedSpan) return trace.setSpan(active, span.span);
  return trace.setSpanContext(active, {
    traceId: span.traceId,
    spanId: span.spanId,
    traceFlags: span.sampled ? TraceFlags.SAMPLED : TraceFlags.NONE,
    isRemote: span._tag === "ExternalSpan",
  });
}

/**
 * An Effect `Tracer` that records every span (`Effect.withSpan`) as an
 * OpenTelemetry span of `tracer`: a span with no Effect parent is a child of
 * the active OpenTelemetry span, so a call nests under the caller's own span.
 * Code run by a traced fiber sees its span as the active OpenTelemetry
 * context (an instrumented `fetch` nests under the request span).
 */
export function openTelemetryEffectTracer(tracer: OpenTelemetryTracer, recordMessages: boolean): Tracer.Tracer {
  return Tracer.make({
    span(name, parent, context, links, startTime, kind, options) {
      const span = tracer.startSpan(
        name,
        { kind: kinds[kind], startTime: hrTime(startTime), links: links.map((link) => ({ context: { traceId: link.span.traceId, spanId: link.span.spanId, traceFlags: link.span.sampled ? TraceFlags.SAMPLED : TraceFlags.NONE }, attributes: link.attributes as Attributes })) },
        parentContext(parent, options?.root === true),
      );
      return new BridgedSpan(span, name, parent, context, links, startTime, kind, recordMessages);
    },
    context(execution, fiber) {
      const current = fiber.currentSpan;
      if (!(current instanceof BridgedSpan)) return execution();
      return otelContext.with(trace.setSpan(otelContext.active(), current.span), execution);
    },
  });
}

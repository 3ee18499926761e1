import * as v from "valibot";
import type { RecordedExchange } from "./recorded-exchange.js";

const exchangeSchema = v.object({
  request: v.object({
    method: v.pipe(v.string(), v.nonEmpty()),
    path: v.pipe(v.string(), v.startsWith("/", 'must start with "/"')),
    text: v.optional(v.string()),
  }),
  response: v.object({
    status: v.pipe(v.number(), v.integer(), v.minValue(200), v.maxValue(599)),
    headers: v.record(v.string(), v.string()),
    text: v.optional(v.string()),
    base64: v.optional(v.string()),
    events: v.optional(v.array(v.union([v.string(), v.object({ data: v.unknown() })], "must be a string or { data }"))),
    tail: v.optional(v.string()),
    cut: v.optional(v.boolean()),
  }),
});

const bodyForms = ["body", "text", "base64", "events"] as const;

function issuePath(issue: v.BaseIssue<unknown>): string {
  return (issue.path ?? []).map((item) => (typeof item.key === "number" ? `[${item.key}]` : `.${String(item.key)}`)).join("").slice(1);
}

/** The problem with a parsed line's shape, or undefined when it is a recorded exchange. */
function shapeProblem(value: unknown): string | undefined {
  const result = v.safeParse(exchangeSchema, value);
  if (!result.success) {
    const [issue] = result.issues;
    return `${issuePath(issue)} ${issue.message}`.trim();
  }
  const response = value as Record<string, unknown> & { response: Record<string, unknown> };
  const forms = bodyForms.filter((form) => form in response.response);
  if (forms.length > 1) return `response has ${forms.join(" and ")}; expected at most one body form`;
  const events = response.response.events as unknown[] | undefined;
  const index = events?.findIndex((event) => typeof event === "object" && !("data" in (event as object))) ?? -1;
  if (index >= 0) return `response.events[${index}] has no "data"`;
  return undefined;
}

/**
 * Reads one cassette line: the exchange, or what is wrong with it (not JSON,
 * a missing or mistyped field, two body forms at once).
 */
export function parseExchangeLine(line: string): RecordedExchange | { readonly problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { problem: `not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const problem = shapeProblem(value);
  return problem === undefined ? (value as RecordedExchange) : { problem };
}

/** One cassette line (without its newline), fields in a fixed order so files diff cleanly. */
export function formatExchangeLine(exchange: RecordedExchange): string {
  const { request, response } = exchange;
  return JSON.stringify({
    request: { method: request.method, path: request.path, body: request.body, text: request.text },
    response: {
      status: response.status,
      headers: response.headers,
      body: response.body,
      text: response.text,
      base64: response.base64,
      events: response.events,
      tail: response.tail,
      cut: response.cut,
    },
  });
}

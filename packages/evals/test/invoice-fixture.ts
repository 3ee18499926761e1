import { completion, type RecordedRequest, type ScriptedReply, type TokenUsage, toolCallCompletion } from "@cortex-ml/test-server";
import * as v from "valibot";
import { createInstructor, Mode } from "@cortex-ml/core";
import { type EvalReport, type LabelledRecord, runEval } from "../src/index.js";

/** The response model of the known-answer eval. */
export const Invoice = v.pipe(
  v.object({
    vendor: v.string(),
    total: v.number(),
    currency: v.string(),
    tags: v.array(v.string()),
    items: v.array(v.object({ sku: v.string(), quantity: v.number() })),
    note: v.optional(v.string()),
  }),
  v.title("Invoice"),
);

/** Four labelled invoices. */
export const invoiceRecords: LabelledRecord[] = [
  {
    line: 1,
    id: "r1",
    text: "record one",
    label: { vendor: "ACME Corp", total: 100, currency: "EUR", tags: ["urgent", "paid"], items: [{ sku: "A1", quantity: 2 }, { sku: "B2", quantity: 1 }] },
  },
  {
    line: 2,
    id: "r2",
    text: "record two",
    label: { vendor: "Café Ünïcode", total: 20, currency: "USD", tags: ["a"], items: [{ sku: "C3", quantity: 5 }], note: "fragile" },
  },
  { line: 3, id: "r3", text: "record three", label: { vendor: "Globex", total: 7.5, currency: "GBP", tags: [], items: [] } },
  {
    line: 4,
    id: "r4",
    text: "record four",
    label: { vendor: "Initech", total: 3, currency: "EUR", tags: ["x", "y"], items: [{ sku: "D4", quantity: 1 }] },
  },
];

/** Tokens each reply of a model reports: alpha's and beta's differ, so per-target sums can be told apart. */
export const alphaUsage: TokenUsage = { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 };
export const betaUsage: TokenUsage = { prompt_tokens: 80, completion_tokens: 30, total_tokens: 110 };

/** How long alpha's server waits before each reply, so latencies have known lower bounds. */
export const alphaDelayMs = 40;

/**
 * What model "alpha" (JSON mode) answers, first try and re-ask, per record:
 * r1 right in every field but written differently (case, spaces, order, 100.004 for 100);
 * r2 partly wrong (total, an extra tag, a quantity, no note); r3 never valid
 * (so with maxRetries 1 its retries run out); r4 invalid first, then right
 * but for a missing tag, a missing item and an extra note.
 */
const alphaAnswers: Record<string, readonly string[]> = {
  "record one": [
    JSON.stringify({ vendor: "  acme   CORP ", total: 100.004, currency: "EUR", tags: ["paid", "urgent"], items: [{ sku: "B2", quantity: 1 }, { sku: "A1", quantity: 2 }] }),
  ],
  // "CAFÉ ÜNÏCODE" in decomposed form (E + combining acute...): equal to the label once normalized.
  "record two": [JSON.stringify({ vendor: "CAFE\u0301 U\u0308NI\u0308CODE", total: 25, currency: "usd", tags: ["a", "b"], items: [{ sku: "C3", quantity: 4 }] })],
  "record three": ['{"vendor":"Globex"}', "not json at all"],
  "record four": ['{"vendor":"Initech","total":"three"}', JSON.stringify({ vendor: "Initech", total: 3, currency: "EUR", tags: ["x"], items: [], note: "extra note" })],
};

function userText(request: RecordedRequest): string {
  const messages = (request.body as { messages: Array<{ role: string; content: string }> }).messages;
  return messages.find((message) => message.role === "user")?.content ?? "";
}

/** 0 for a record's first request, 1 for a re-ask (it carries the rejected answer as an assistant message). */
function attemptIndex(request: RecordedRequest): number {
  const messages = (request.body as { messages: Array<{ role: string }> }).messages;
  return messages.filter((message) => message.role === "assistant").length;
}

/**
 * The scripted server's answer to any request: alpha answers as above; beta
 * (TOOLS mode) calls its tool with the label itself, first try, every time.
 */
export function invoiceReply(request: RecordedRequest): ScriptedReply {
  const body = request.body as { model: string; tools?: Array<{ function: { name: string } }> };
  const text = userText(request);
  if (body.model === "beta") {
    const label = invoiceRecords.find((record) => record.text === text)?.label;
    return toolCallCompletion([{ name: body.tools?.[0]?.function.name ?? "Invoice", arguments: label as object }], { usage: betaUsage });
  }
  const answer = alphaAnswers[text]?.[attemptIndex(request)];
  if (answer === undefined) return { kind: "status", status: 500, body: { error: { message: `no scripted answer for ${text}` } } };
  return completion(answer, { usage: alphaUsage, delayMs: alphaDelayMs });
}

/** The known-answer eval against a server answering {@link invoiceReply}: alpha in JSON mode, beta in TOOLS mode, one re-ask allowed, totals within 0.01. */
export function runInvoiceEval(baseURL: string, concurrency = 1): Promise<EvalReport> {
  const client = createInstructor({ baseURL, maxRetries: 1 });
  return runEval({
    responseModel: Invoice,
    records: invoiceRecords,
    targets: [
      { client, model: "alpha", mode: Mode.JSON },
      { client, model: "beta", mode: Mode.TOOLS },
    ],
    comparison: { paths: { total: { tolerance: 0.01 } } },
    concurrency,
  });
}

import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { toWireJsonSchema } from "@cortex-ml/schemas";
import Instructor from "@instructor-ai/instructor";
import { jsonSchema, streamObject } from "ai";
import OpenAI from "openai";
import type { ChatCompletionMessageParam, ChatCompletionTool } from "openai/resources/chat/completions";
import * as v from "valibot";
import { BenchDocument, BenchDocumentZod, BenchRecord } from "./stream-document.js";
import type { StreamCall } from "./timed-call.js";

/** The cortex-ml API the clients use, from the built package. */
export type CortexApi = Pick<typeof import("@cortex-ml/core"), "createInstructor" | "createPartial" | "createIterable" | "iterable" | "Mode">;

type CortexMode = CortexApi["Mode"][keyof CortexApi["Mode"]];

/** One client of the bench. */
export interface StreamClient {
  readonly key: string;
  readonly label: string;
  /** The raw client its ratios are taken against: the content stream, or the tool-call stream for PARALLEL_TOOLS. */
  readonly baseline: "raw" | "raw-tools";
  /** What its final value is: the whole document, or its records (createIterable). */
  readonly returns: "document" | "records";
  /** One call for the document the model name asks for. */
  readonly call: (model: string) => StreamCall;
}

const PROMPT = "List the records.";
const messages: ChatCompletionMessageParam[] = [{ role: "user", content: PROMPT }];
/** The one tool of PARALLEL_TOOLS for `iterable(BenchRecord)` (cortex-ml names it `Item`): the raw tool-call client sends it too. */
const recordTool: ChatCompletionTool = { type: "function", function: { name: "Item", parameters: toWireJsonSchema(BenchRecord) } };

const BenchRecords = v.array(BenchRecord);

/** The AI SDK's schema: the wire JSON schema of the Valibot document, validated by Valibot. */
const aiSdkSchema = jsonSchema<BenchDocument>(toWireJsonSchema(BenchDocument) as Parameters<typeof jsonSchema>[0], {
  validate: (value) => {
    const result = v.safeParse(BenchDocument, value);
    return result.success ? { success: true, value: result.output } : { success: false, error: new v.ValiError(result.issues) };
  },
});

/**
 * The clients, each on its own library's client for `baseURL` (made once):
 * the raw `openai` stream (content, and tool calls), the AI SDK's
 * `streamObject`, instructor-js's partial stream, and cortex-ml's
 * `createPartial`, `createIterable` and PARALLEL_TOOLS `createIterable`.
 * Every call validates its final value (Valibot, or zod for instructor-js).
 */
export function streamClients(baseURL: string, cortex: CortexApi): StreamClient[] {
  const openai = new OpenAI({ baseURL, apiKey: "ollama", maxRetries: 0 });
  const aiSdk = createOpenAICompatible({ name: "bench", baseURL, apiKey: "ollama", supportsStructuredOutputs: true });
  const instructorJs = Instructor({ client: openai, mode: "JSON" });
  // Large answers: the 1 MB document is about 50 MB of events, over the default 32 MiB.
  const instructor = cortex.createInstructor({ baseURL, maxResponseBytes: 1024 * 1024 * 1024 });
  const records = cortex.iterable(BenchRecord);
  // createIterable in the default JSON mode (content deltas), or in PARALLEL_TOOLS (one tool call per record).
  const iterableCall =
    (mode: CortexMode | undefined) =>
    (model: string): StreamCall =>
    async (signal, onPartial) => {
      const items: unknown[] = [];
      for await (const item of cortex.createIterable(instructor, { model, responseModel: records, messages, signal, ...(mode ? { mode } : {}) })) {
        onPartial();
        items.push(item);
      }
      return items;
    };
  return [
    {
      key: "raw",
      label: "raw openai stream",
      baseline: "raw",
      returns: "document",
      call: (model) => async (signal, onPartial) => {
        const stream = await openai.chat.completions.create({ model, messages, stream: true }, { signal });
        const parts: string[] = [];
        for await (const chunk of stream) {
          const text = chunk.choices[0]?.delta?.content;
          if (text) {
            onPartial();
            parts.push(text);
          }
        }
        return v.parse(BenchDocument, JSON.parse(parts.join("")));
      },
    },
    {
      key: "ai-sdk",
      label: "AI SDK streamObject",
      baseline: "raw",
      returns: "document",
      call: (model) => async (signal, onPartial) => {
        let failure: unknown;
        const result = streamObject({
          model: aiSdk.chatModel(model),
          schema: aiSdkSchema,
          prompt: PROMPT,
          maxRetries: 0,
          abortSignal: signal,
          onError: ({ error }) => {
            failure = error;
          },
        });
        for await (const _partial of result.partialObjectStream) onPartial();
        if (failure !== undefined) throw failure;
        return await result.object;
      },
    },
    {
      key: "instructor-js",
      label: "instructor-js partial",
      baseline: "raw",
      returns: "document",
      call: (model) => async (signal, onPartial) => {
        const stream = await instructorJs.chat.completions.create(
          { model, messages, response_model: { schema: BenchDocumentZod, name: "Document" }, stream: true },
          { signal },
        );
        let last: unknown;
        for await (const partial of stream) {
          onPartial();
          last = partial;
        }
        // Its stream does not validate the last partial: validate it as its users must.
        const { _meta, ...value } = last as Record<string, unknown>;
        return BenchDocumentZod.parse(value);
      },
    },
    {
      key: "cortex-partial",
      label: "cortex createPartial",
      baseline: "raw",
      returns: "document",
      call: (model) => async (signal, onPartial) => {
        for await (const event of cortex.createPartial(instructor, { model, responseModel: BenchDocument, messages, signal })) {
          if (event.done) return event.data;
          onPartial();
        }
        throw new Error("createPartial ended without a final object");
      },
    },
    {
      key: "cortex-iterable",
      label: "cortex createIterable",
      baseline: "raw",
      returns: "records",
      call: iterableCall(undefined),
    },
    {
      key: "raw-tools",
      label: "raw openai tool-call stream",
      baseline: "raw-tools",
      returns: "records",
      call: (model) => async (signal, onPartial) => {
        const stream = await openai.chat.completions.create({ model, messages, tools: [recordTool], tool_choice: "auto", stream: true }, { signal });
        const calls: string[][] = [];
        for await (const chunk of stream) {
          for (const call of chunk.choices[0]?.delta?.tool_calls ?? []) {
            const text = call.function?.arguments;
            if (!text) continue;
            onPartial();
            (calls[call.index] ??= []).push(text);
          }
        }
        return v.parse(BenchRecords, calls.map((parts) => JSON.parse(parts.join("")) as unknown));
      },
    },
    {
      key: "cortex-tools",
      label: "cortex PARALLEL_TOOLS createIterable",
      baseline: "raw-tools",
      returns: "records",
      call: iterableCall(cortex.Mode.PARALLEL_TOOLS),
    },
  ];
}

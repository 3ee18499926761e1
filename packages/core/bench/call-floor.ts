// What one structuredChat call costs with no network at all: a transport that answers
// with an already-resolved completion, against the raw side's JSON.parse + v.parse of
// the same content. Both loops run on this process alone, so the figure is the
// library's own per-call work (Effect fiber, prepare, check), not socket noise.
// `--through openai` puts the real `openai` client under every side instead (its request
// building, headers and response parsing; a `fetch` that answers at once, no socket), so
// the figure includes how a fiber sits around a real openai call.
// Run (after `pnpm build`): `npx tsx bench/call-floor.ts [--calls N] [--warmup N] [--rounds N] [--only raw|effect|cortex] [--through openai]`.
// `--only` runs one side once (a warm-up loop, then one measured loop between two
// process.cpuUsage() calls): bench/instructions.ts counts that loop's instructions.
import { parseArgs } from "node:util";
import { Effect } from "effect";
import OpenAI from "openai";
import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming } from "openai/resources/chat/completions";
import * as v from "valibot";
import { loadBuiltPackage } from "./built-package.js";
import { median } from "./measure.js";

const Person = v.object({ name: v.string(), age: v.number() });
const messages = [{ role: "user" as const, content: "Extract the person: John is 25 years old." }];
const completion: ChatCompletion = {
  id: "floor",
  object: "chat.completion",
  created: 1,
  model: "m",
  choices: [{ index: 0, message: { role: "assistant", content: '{"name":"John","age":25}', refusal: null }, finish_reason: "stop", logprobs: null }],
  usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
};

/** CPU microseconds per call of `calls` sequential calls, after `warmup` unmeasured ones (default as many). */
async function cpuPerCall(call: () => Promise<unknown>, calls: number, warmup = calls): Promise<number> {
  for (let index = 0; index < warmup; index += 1) await call();
  const start = process.cpuUsage();
  for (let index = 0; index < calls; index += 1) await call();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / calls;
}

/** A `fetch` that answers every request at once with the completion above, as a server would. */
const completionText = JSON.stringify(completion);
const answeringFetch: typeof fetch = async () =>
  new Response(completionText, { status: 200, headers: { "content-type": "application/json", "content-length": String(completionText.length) } });

const { values } = parseArgs({
  options: { calls: { type: "string" }, warmup: { type: "string" }, rounds: { type: "string" }, only: { type: "string" }, through: { type: "string" } },
});
const calls = Number(values.calls ?? 50_000);
const warmup = Number(values.warmup ?? calls);
const rounds = Number(values.rounds ?? 5);
const sides = ["raw", "effect", "cortex"] as const;
const only = values.only as (typeof sides)[number] | undefined;
const throughOpenAI = values.through === "openai";
if (
  !Number.isInteger(calls) ||
  calls < 1 ||
  !Number.isInteger(warmup) ||
  warmup < 0 ||
  !Number.isInteger(rounds) ||
  rounds < 1 ||
  (only !== undefined && !sides.includes(only)) ||
  (values.through !== undefined && !throughOpenAI)
) {
  console.error("usage: tsx bench/call-floor.ts [--calls N (50000)] [--warmup N (as many as --calls)] [--rounds N (5)] [--only raw|effect|cortex] [--through openai]");
  process.exit(2);
}
const { createInstructor, structuredChat, loadedFrom } = await loadBuiltPackage();
const baseURL = "http://floor.invalid/v1";
const openai = new OpenAI({ baseURL, apiKey: "ollama", maxRetries: 0, fetch: answeringFetch });
// The raw side sends the very request structuredChat sends (recorded from one call).
const recorded: string[] = [];
const recordingFetch: typeof fetch = (input, init) => {
  recorded.push(String(init?.body));
  return answeringFetch(input, init);
};
if (throughOpenAI) await structuredChat(createInstructor({ baseURL, fetch: recordingFetch }), { model: "m", responseModel: Person, messages });
const request = JSON.parse(recorded[0] ?? "{}") as ChatCompletionCreateParamsNonStreaming;
/** The answer of one request: the openai client's call, or the resolved completion (chosen once, not per call). */
const answer: () => Promise<ChatCompletion> = throughOpenAI ? () => openai.chat.completions.create(request) : () => Promise.resolve(completion);
const client = throughOpenAI
  ? createInstructor({ baseURL, fetch: answeringFetch })
  : createInstructor({
      baseURL,
      transport: {
        baseURL,
        createCompletion: () => Effect.tryPromise({ try: () => Promise.resolve(completion), catch: (error) => error as never }),
        streamCompletion: () => Effect.dieMessage("not streamed here"),
        listModels: () => Effect.succeed([]),
      },
    });
const raw = async () => v.parse(Person, JSON.parse((await answer()).choices[0]?.message.content ?? ""));
const cortex = () => structuredChat(client, { model: "m", responseModel: Person, messages });
// The floor of any Effect-based call: the raw side inside one fiber, on Effect's default runtime.
const effect = () => Effect.runPromise(Effect.tryPromise({ try: () => raw(), catch: (error) => error as never }));

if (only !== undefined) {
  const perCall = await cpuPerCall({ raw, effect, cortex }[only], calls, warmup);
  console.log(`${only} ${perCall.toFixed(2)} us CPU/call (${calls} calls after ${warmup} warm-up calls, cortex-ml from ${loadedFrom})`);
  process.exit(0);
}

const results = { raw: [] as number[], cortex: [] as number[] };
for (let round = 0; round < rounds; round += 1) {
  results.raw.push(await cpuPerCall(raw, calls));
  results.cortex.push(await cpuPerCall(cortex, calls));
}
console.log(`cortex-ml call floor (no network${throughOpenAI ? ", through openai" : ""}), ${calls} calls x ${rounds} rounds, cortex-ml from ${loadedFrom}`);
console.log(`  raw JSON.parse + v.parse   ${median(results.raw).toFixed(2).padStart(7)} us CPU/call`);
console.log(`  structuredChat             ${median(results.cortex).toFixed(2).padStart(7)} us CPU/call`);

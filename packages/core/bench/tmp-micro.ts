import { Effect } from "effect";
import OpenAI from "openai";
import type { ChatCompletion } from "openai/resources/chat/completions";
import * as v from "valibot";
import { createInstructor, structuredChat } from "../src/index.js";
import { mergeDefaults } from "../src/create-instructor.js";
import { clientDefaults } from "../src/defaults.js";
import { jsonMode } from "../src/modes/json-mode.js";
import { parseJsonOutput } from "../src/parsing/parse-json-output.js";
import { runAsPromise } from "../src/run-promise.js";
import { makeOpenAITransport } from "../src/transport/openai-transport.js";
import { transportRetrySchedule } from "../src/transport/transport-retry-schedule.js";
import { createResponseModel, resolveResponseModel } from "@cortex-ml/schemas";
import { runCalls, median } from "./measure.js";
import { startServerProcess } from "./test-server-process.js";

const Person = v.object({ name: v.string(), age: v.number() });
const messages = [{ role: "user" as const, content: "Extract the person: John is 25 years old." }];
const rm = createResponseModel(Person);
const completion: ChatCompletion = {
  id: "x", object: "chat.completion", created: 0, model: "test-model",
  choices: [{ index: 0, finish_reason: "stop", logprobs: null, message: { role: "assistant", content: '{"name":"John","age":25}', refusal: null } }],
  usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
};
const fakeOpenAI = { baseURL: "http://fake/v1", apiKey: "ollama", chat: { completions: { create: () => Promise.resolve(completion) } } } as unknown as OpenAI;
const succeedTransport = { baseURL: "http://fake/v1", createCompletion: () => Effect.succeed(completion) };
const cSucceed = createInstructor({ transport: succeedTransport });
const cFakeOpenAI = createInstructor({ openai: fakeOpenAI });
const opts = { model: "test-model", responseModel: Person, messages };

async function time(label: string, fn: () => unknown, n = 20000) {
  const rs: number[] = [];
  for (let r = 0; r < 5; r++) {
    const res = await runCalls(async () => fn(), n, 1);
    rs.push(res.cpuMicrosPerCall);
  }
  console.log(`${label.padEnd(62)} ${median(rs).toFixed(2).padStart(8)} us/call`);
}
await time("raw post: JSON.parse + v.parse", () => v.parse(Person, JSON.parse(completion.choices[0]!.message.content!)));
await time("empty async fn (runCalls baseline)", () => undefined);
await time("Effect.runPromiseExit(Effect.succeed(1))", () => Effect.runPromiseExit(Effect.succeed(1)));
await time("runAsPromise(Effect.succeed(1))", () => runAsPromise(Effect.succeed(1)));
await time("Effect.runPromise(gen with 5 yields of succeed)", () => Effect.runPromise(Effect.gen(function* () { for (let i = 0; i < 5; i++) yield* Effect.succeed(i); return 1; })));
await time("mergeDefaults", () => mergeDefaults(clientDefaults, { mode: undefined }));
await time("resolveResponseModel (cached)", () => resolveResponseModel(Person));
await time("transportRetrySchedule(policy)", () => transportRetrySchedule(clientDefaults.transportRetry));
await time("jsonMode.buildRequest", () => jsonMode.buildRequest(rm, messages, { schemaInPrompt: false }));
await time("JSON.stringify(jsonSchema)", () => JSON.stringify(rm.jsonSchema));
await time("parseJsonOutput", () => parseJsonOutput('{"name":"John","age":25}'));
const sched = transportRetrySchedule(clientDefaults.transportRetry);
await time("run(succeed.pipe(Effect.retry(schedule)))", () => Effect.runPromise(Effect.succeed(completion).pipe(Effect.retry(sched))));
await time("run(tryPromise(signal => resolved))", () => Effect.runPromise(Effect.tryPromise({ try: (_s) => Promise.resolve(completion), catch: (e) => e })));
await time("run(tryPromise(() => resolved)) (no signal)", () => Effect.runPromise(Effect.tryPromise({ try: () => Promise.resolve(completion), catch: (e) => e })));
const tr = makeOpenAITransport(fakeOpenAI, []);
await time("run(openai transport.createCompletion, fake openai)", () => Effect.runPromise(tr.createCompletion({ model: "m", messages } as never, { timeoutMs: 600000 })));
await time("structuredChat, transport = Effect.succeed(completion)", () => structuredChat(cSucceed, opts));
await time("structuredChat, fake openai (resolved promise)", () => structuredChat(cFakeOpenAI, opts));

// HTTP: raw create with and without the per-request options the transport passes.
const server = await startServerProcess('{"name":"John","age":25}');
const openai = new OpenAI({ baseURL: server.baseURL, apiKey: "ollama", maxRetries: 0 });
const body = { model: "test-model", temperature: 0, seed: 42, ...jsonMode.buildRequest(rm, messages, { schemaInPrompt: false }) };
const plain = () => openai.chat.completions.create(body);
const withOpts = () => openai.chat.completions.create(body, { signal: new AbortController().signal, maxRetries: 0, timeout: 600000 });
await runCalls(plain, 500, 1); await runCalls(withOpts, 500, 1);
const a: number[] = [], b: number[] = [];
for (let r = 0; r < 6; r++) {
  const order = r % 2 ? [[withOpts, b], [plain, a]] as const : [[plain, a], [withOpts, b]] as const;
  for (const [fn, into] of order) into.push((await runCalls(fn, 2000, 1)).cpuMicrosPerCall);
}
console.log(`HTTP create(body)                                   ${median(a).toFixed(1)} us CPU/call`);
console.log(`HTTP create(body, {signal, maxRetries:0, timeout})  ${median(b).toFixed(1)} us CPU/call`);
await server.stop();

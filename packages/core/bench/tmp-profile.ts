import OpenAI from "openai";
import { Session } from "node:inspector/promises";
import { writeFileSync } from "node:fs";
import * as v from "valibot";
import { createInstructor, structuredChat } from "../src/index.js";
import { jsonMode } from "../src/modes/json-mode.js";
import { createResponseModel } from "@cortex-ml/schemas";
import { runCalls } from "./measure.js";
import { startServerProcess } from "./test-server-process.js";
const [which = "cortex", conc = "1", callsText = "4000"] = process.argv.slice(2);
const Person = v.object({ name: v.string(), age: v.number() });
const messages = [{ role: "user" as const, content: "Extract the person: John is 25 years old." }];
const body = { model: "test-model", temperature: 0, seed: 42, ...jsonMode.buildRequest(createResponseModel(Person), messages, { schemaInPrompt: false }) };
const server = await startServerProcess('{"name":"John","age":25}');
const openai = new OpenAI({ baseURL: server.baseURL, apiKey: "ollama", maxRetries: 0 });
const instructor = createInstructor({ baseURL: server.baseURL });
const call = which === "raw"
  ? async () => v.parse(Person, JSON.parse((await openai.chat.completions.create(body)).choices[0]?.message.content ?? ""))
  : () => structuredChat(instructor, { model: "test-model", responseModel: Person, messages });
await runCalls(call, 500, Number(conc));
const session = new Session(); session.connect();
await session.post("Profiler.enable"); await session.post("Profiler.setSamplingInterval", { interval: 100 }); await session.post("Profiler.start");
const r = await runCalls(call, Number(callsText), Number(conc));
const { profile } = await session.post("Profiler.stop");
writeFileSync(`/tmp/prof/${which}-${conc}.cpuprofile`, JSON.stringify(profile));
console.log(which, conc, r.callsPerSecond.toFixed(0), r.cpuMicrosPerCall.toFixed(1));
await server.stop();

// Throughput of structured extraction through cortex-ml's local provider against raw node-llama-cpp,
// on the same model, prompt, JSON-schema grammar, threads, seed and token limit, interleaved in one run.
// Usage: pnpm bench [-- --runs 20 --max-tokens 256]. Always exits 0 (a benchmark, not a test).
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createResponseModel, fromProvider } from "@cortex-ml/core";
import { getLlama, type LlamaChatSession as Session, LlamaChatSession, LlamaLogLevel } from "node-llama-cpp";
import * as v from "valibot";
import { defaultThreads, disposeLocalEngines, sanitizeJsonSchema } from "../src/index.js";

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : Number.NaN;
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

function sharedModel(name: string): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(folder, "pnpm-workspace.yaml")) && dirname(folder) !== folder) folder = dirname(folder);
  return join(folder, "..", "shared", "models", name);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

const runs = option("runs", 20);
const maxTokens = option("max-tokens", 256);
const threads = defaultThreads();
const modelPath = sharedModel("stories260K.gguf");
const system = "You extract people from text.";
const user = "John Smith is 25 years old, lives in Paris and likes cats and dogs.";
const Person = v.object({
  name: v.pipe(v.string(), v.maxLength(24)),
  age: v.number(),
  city: v.pipe(v.string(), v.maxLength(16)),
  pets: v.pipe(v.array(v.pipe(v.string(), v.maxLength(8))), v.maxLength(3)),
});

interface Sample {
  readonly tokens: number;
  readonly ms: number;
  readonly text: string;
}

async function main(): Promise<void> {
  if (!existsSync(modelPath)) {
    console.log(`local-throughput: skipped, no model at ${modelPath} (see shared/models/README.md).`);
    return;
  }
  const client = fromProvider(`local/${modelPath}`);
  const messages = [
    { role: "system" as const, content: system },
    { role: "user" as const, content: user },
  ];
  const viaCortex = async (seed: number): Promise<Sample> => {
    const started = performance.now();
    const result = await client.chat.completions.createWithCompletion({ responseModel: Person, messages, temperature: 0.8, seed, max_tokens: maxTokens, maxRetries: 0 });
    return { tokens: result.usage.completionTokens, ms: performance.now() - started, text: result.completion.choices[0]?.message.content ?? "" };
  };

  const llama = await getLlama({ gpu: false, maxThreads: threads, build: "never", logLevel: LlamaLogLevel.error });
  const model = await llama.loadModel({ modelPath });
  const context = await model.createContext({ threads, sequences: 1, contextSize: Math.min(4096, model.trainContextSize) });
  const session: Session = new LlamaChatSession({ contextSequence: context.getSequence(), systemPrompt: system });
  const grammar = await llama.createGrammarForJsonSchema(sanitizeJsonSchema(createResponseModel(Person).jsonSchema) as never);
  const raw = async (seed: number): Promise<Sample> => {
    session.resetChatHistory();
    // Counted like the provider counts completion tokens: every sampled token, from the sequence's meter.
    const before = session.sequence.tokenMeter.usedOutputTokens;
    const started = performance.now();
    const text = await session.prompt(user, { grammar, temperature: 0.8, seed, maxTokens });
    return { tokens: session.sequence.tokenMeter.usedOutputTokens - before, ms: performance.now() - started, text };
  };

  for (let warmup = 0; warmup < 3; warmup += 1) {
    await viaCortex(1_000 + warmup);
    await raw(1_000 + warmup);
  }
  const cortex: Sample[] = [];
  const direct: Sample[] = [];
  for (let run = 0; run < runs; run += 1) {
    // Alternate which goes first, so neither always runs on a warmer cache.
    if (run % 2 === 0) {
      cortex.push(await viaCortex(run));
      direct.push(await raw(run));
    } else {
      direct.push(await raw(run));
      cortex.push(await viaCortex(run));
    }
  }

  const firstPartial: number[] = [];
  const wholeStream: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    let first: number | undefined;
    for await (const event of client.chat.completions.createPartial({ responseModel: Person, messages, temperature: 0.8, seed: run, max_tokens: maxTokens, maxRetries: 0 })) {
      if (first === undefined && !event.done && Object.keys(event.data).length > 0) first = performance.now() - started;
    }
    wholeStream.push(performance.now() - started);
    if (first !== undefined) firstPartial.push(first);
  }

  const rate = (samples: readonly Sample[]) => samples.reduce((sum, sample) => sum + sample.tokens, 0) / (samples.reduce((sum, sample) => sum + sample.ms, 0) / 1000);
  const same = cortex.filter((sample, index) => sample.text === direct[index]?.text).length;
  const ratio = rate(cortex) / rate(direct);
  console.log(`local-throughput: stories260K, ${runs} interleaved runs each, threads ${threads}, max_tokens ${maxTokens}, same JSON-schema grammar and seeds`);
  console.log(`  raw node-llama-cpp (LlamaChatSession.prompt): ${rate(direct).toFixed(0)} tokens/s, median ${median(direct.map((s) => s.ms)).toFixed(1)} ms per call, ${median(direct.map((s) => s.tokens))} tokens`);
  console.log(`  cortex-ml structuredChat (fromProvider local): ${rate(cortex).toFixed(0)} tokens/s, median ${median(cortex.map((s) => s.ms)).toFixed(1)} ms per call, ${median(cortex.map((s) => s.tokens))} tokens`);
  console.log(`  ratio cortex/raw: ${ratio.toFixed(3)} (target >= 0.9: ${ratio >= 0.9 ? "met" : "NOT met"}); identical outputs: ${same}/${runs}`);
  console.log(
    `  createPartial: first partial object after median ${median(firstPartial).toFixed(1)} ms (min ${Math.min(...firstPartial).toFixed(1)}, max ${Math.max(...firstPartial).toFixed(1)}), whole stream median ${median(wholeStream).toFixed(1)} ms`,
  );
  session.dispose();
  await context.dispose();
  await model.dispose();
  await llama.dispose();
  await disposeLocalEngines();
}

try {
  await main();
} catch (error) {
  console.log(`local-throughput: failed: ${error instanceof Error ? error.message : String(error)}`);
}
process.exit(0);

// The main job (`npm run demo`): extract a validated Person from text.
// - With Ollama answering (OLLAMA_BASE_URL or localhost:11434): the model CORTEX_MODEL (default llama3.2).
// - Otherwise, in-process with no server: the GGUF model at CORTEX_LOCAL_MODEL, or a small
//   instruct model downloaded once on first use (CORTEX_LOCAL_MODEL_SPEC, default below) into CORTEX_MODELS_DIR.
// Relative paths in these variables resolve from the directory the command was run in.
import { createInstructor, defaultBaseURL, type InstructorClient, listModels, structuredChat } from "@cortex-ml/core";
import { disposeLocalEngines, fromLocalModel, isRemoteModelSpec, resolveModelPath } from "@cortex-ml/provider-local";
import * as v from "valibot";
import { callerPathVariable, resolveCallerPath } from "./caller-directory.js";
import { reportError } from "./settings.js";

const Person = v.object({
  name: v.pipe(v.string(), v.maxLength(60)),
  age: v.pipe(v.number(), v.integer()),
});

/** A small instruct model, downloaded once into ~/.cache/cortex-ml/models. */
const defaultLocalModel = "hf:Qwen/Qwen2.5-0.5B-Instruct-GGUF/qwen2.5-0.5b-instruct-q4_k_m.gguf";

async function ollamaAnswers(): Promise<InstructorClient | undefined> {
  const client = createInstructor({ timeout: 1_500, transportRetry: { maxRetries: 0 } });
  try {
    await listModels(client);
    return client;
  } catch {
    return undefined;
  }
}

/** The model to download: `CORTEX_LOCAL_MODEL_SPEC` (a path, or `hf:`/URL to download), found or downloaded. */
async function downloadableModel(): Promise<string> {
  const spec = process.env.CORTEX_LOCAL_MODEL_SPEC?.trim() || defaultLocalModel;
  const directory = callerPathVariable("CORTEX_MODELS_DIR");
  return resolveModelPath(isRemoteModelSpec(spec) ? spec : resolveCallerPath(spec), directory ? { directory } : {});
}

async function chooseBackend(): Promise<{ client: InstructorClient; model: string; where: string }> {
  const localPath = callerPathVariable("CORTEX_LOCAL_MODEL");
  if (!localPath) {
    const ollama = await ollamaAnswers();
    if (ollama) return { client: ollama, model: process.env.CORTEX_MODEL ?? "llama3.2", where: `Ollama at ${defaultBaseURL()}` };
    console.error(`No Ollama at ${defaultBaseURL()}; using an in-process model instead (set CORTEX_LOCAL_MODEL=/path/to/model.gguf to pick one).`);
  }
  const path = localPath ?? (await downloadableModel());
  const local = fromLocalModel(path);
  return { client: local.client, model: path, where: `in-process model ${path}` };
}

try {
  const { client, model, where } = await chooseBackend();
  const person = await structuredChat(client, {
    model,
    responseModel: Person,
    messages: [
      { role: "system", content: "Extract the person from the text as JSON." },
      { role: "user", content: "John is 25 years old." },
    ],
  });
  console.log(`Person extracted by ${where}:`);
  console.log(person);
} catch (error) {
  reportError(error);
} finally {
  await disposeLocalEngines();
}

// The main job (`npm run demo`): extract a validated Person from text. The backend, first that applies:
// 1. CORTEX_LOCAL_MODEL is set: in-process with that GGUF file (Ollama is not asked: the variable names
//    the model to use, so it wins over whatever server happens to answer).
// 2. Ollama answers (OLLAMA_BASE_URL or localhost:11434): the model CORTEX_MODEL (default llama3.2).
// 3. In-process with the model CORTEX_LOCAL_MODEL_SPEC (default below), downloaded once into
//    CORTEX_MODELS_DIR (default ~/.cache/cortex-ml/models).
// Relative paths in these variables resolve from the directory the command was run in.
import { createInstructor, defaultBaseURL, type InstructorClient, listModels, Mode, structuredChat } from "@cortex-ml/core";
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

/** Whether Ollama answers within 1.5 s (a probe only: the extraction gets a client with the normal timeouts). */
async function ollamaAnswers(): Promise<boolean> {
  try {
    await listModels(createInstructor({ timeout: 1_500, transportRetry: { maxRetries: 0 } }));
    return true;
  } catch {
    return false;
  }
}

/** The model of step 3: `CORTEX_LOCAL_MODEL_SPEC` (a path, or `hf:`/URL to download), found or downloaded. */
async function downloadableModel(): Promise<string> {
  const spec = process.env.CORTEX_LOCAL_MODEL_SPEC?.trim() || defaultLocalModel;
  const directory = callerPathVariable("CORTEX_MODELS_DIR");
  return resolveModelPath(isRemoteModelSpec(spec) ? spec : resolveCallerPath(spec), directory ? { directory } : {});
}

async function chooseBackend(): Promise<{ client: InstructorClient; model: string; where: string }> {
  const localPath = callerPathVariable("CORTEX_LOCAL_MODEL");
  if (!localPath) {
    if (await ollamaAnswers()) return { client: createInstructor({ mode: Mode.JSON_SCHEMA }), model: process.env.CORTEX_MODEL ?? "llama3.2", where: `Ollama at ${defaultBaseURL()}` };
    console.error(`No Ollama at ${defaultBaseURL()}; using an in-process model instead (set CORTEX_LOCAL_MODEL=/path/to/model.gguf to pick one).`);
  }
  const path = localPath ?? (await downloadableModel());
  const local = fromLocalModel(path);
  return { client: local, model: path, where: `in-process model ${path}` };
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

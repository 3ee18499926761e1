// The direct low-level pattern: build the OpenAI-compatible client yourself
// and wrap it. Works with local models via Ollama: no API costs, privacy kept.
// Run: bash scripts/example.sh low-level
import { fromOpenAI, Mode } from "@cortex-ml/core";
import OpenAI from "openai";
import * as v from "valibot";
import { exampleModel, reportError } from "../settings.js";

const Person = v.object({
  name: v.string(),
  age: v.number(),
});

const client = fromOpenAI(
  new OpenAI({
    baseURL: process.env.OLLAMA_BASE_URL ?? "http://localhost:11434/v1",
    apiKey: "ollama", // placeholder; Ollama ignores the value
  }),
  { mode: Mode.JSON_SCHEMA },
);

try {
  const user = await client.chat.completions.create({
    model: exampleModel, // any pulled/local model
    responseModel: Person, // a Valibot schema
    messages: [{ role: "user", content: "Extract: John is 25" }],
  });
  console.log(user);
} catch (error) {
  reportError(error);
}

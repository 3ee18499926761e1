/**
 * Where the examples send requests. `createInstructor()` reads
 * `OLLAMA_BASE_URL` itself (default http://localhost:11434/v1); the model
 * comes from `CORTEX_MODEL` (default llama3.2: `ollama pull llama3.2`).
 * The examples ask for `Mode.JSON_SCHEMA` (or tools), which Ollama enforces
 * by constrained decoding and provider-local's server by grammar: with the
 * client default `Mode.JSON` a small model may write keys of its own.
 */
export const exampleModel = process.env.CORTEX_MODEL ?? "llama3.2";

/** Prints a failed example's typed error as one clear line and sets the exit code. */
export function reportError(error: unknown): void {
  const name = error instanceof Error ? error.name : "Error";
  const message = error instanceof Error ? error.message : String(error);
  console.error(`${name}: ${message}`);
  process.exitCode = 1;
}

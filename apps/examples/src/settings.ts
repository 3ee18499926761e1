/**
 * Where the examples send requests. `createInstructor()` reads
 * `OLLAMA_BASE_URL` itself (default http://localhost:11434/v1); the model
 * comes from `CORTEX_MODEL` (default llama3.2: `ollama pull llama3.2`).
 */
export const exampleModel = process.env.CORTEX_MODEL ?? "llama3.2";

/** Prints a failed example's typed error as one clear line and sets the exit code. */
export function reportError(error: unknown): void {
  const name = error instanceof Error ? error.name : "Error";
  const message = error instanceof Error ? error.message : String(error);
  console.error(`${name}: ${message}`);
  process.exitCode = 1;
}

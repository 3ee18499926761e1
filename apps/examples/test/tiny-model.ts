import { join } from "node:path";
import { repositoryRoot } from "./run-example.js";

/** The tiny real GGUF model next to the repository (../shared/models/README): valid structure, nonsense values. */
export const tinyModel = join(repositoryRoot, "..", "shared", "models", "stories260K.gguf");

/** A Person as Node prints it, any values: all a test can assert on the tiny model's answers. */
export const personShape = /\{ name: .*, age: -?[\d.e+-]+ \}/;

/** How many Persons (any values) `output` prints. */
export function printedPersons(output: string): number {
  return output.match(new RegExp(personShape.source, "g"))?.length ?? 0;
}

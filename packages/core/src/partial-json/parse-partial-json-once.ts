import { PartialJsonParser } from "./partial-json-parser.js";

/**
 * Parses a possibly unfinished JSON text in one go and returns its partial value, with the
 * rules of {@link PartialJsonParser} (an unfinished trailing number or literal is left out).
 * Throws a PartialJsonError for text that cannot be the start of a JSON document.
 */
export function parsePartialJsonOnce(text: string): unknown {
  const parser = new PartialJsonParser();
  parser.write(text);
  return parser.value;
}

import { extractFencedJson } from "./extract-fenced-json.js";
import { extractJsonObject } from "./extract-json-object.js";

/** The result of reading JSON out of a model's answer. */
export type JsonOutput = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: string };

function dropPrototypeKeys(key: string, value: unknown): unknown {
  return key === "__proto__" ? undefined : value;
}

function parse(text: string): unknown {
  // JSON.parse makes "__proto__" an own key, which a later copy could turn
  // into a prototype; drop it. The reviver only runs when the key is there.
  return text.includes('"__proto__"') ? JSON.parse(text, dropPrototypeKeys) : JSON.parse(text);
}

/**
 * Parses a model's answer as JSON: the text itself, else (after a leading
 * `<think>` block) a fenced ```json block, else the first balanced object in
 * it (models often wrap JSON in prose). Every step is linear in the text's length.
 */
export function parseJsonOutput(text: string): JsonOutput {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: false, error: "the answer was empty" };
  try {
    return { ok: true, value: parse(trimmed) };
  } catch (error) {
    const candidates = new Set<string>();
    // A model that thinks in its content (`<think>...</think>` before the JSON): the thinking is never the answer.
    const closeThink = trimmed.startsWith("<think>") ? trimmed.indexOf("</think>") : -1;
    if (closeThink !== -1) {
      const answer = trimmed.slice(closeThink + "</think>".length).trim();
      if (answer !== "") return parseJsonOutput(answer);
    }
    const fenced = extractFencedJson(trimmed);
    if (fenced !== trimmed) candidates.add(fenced);
    const embedded = extractJsonObject(fenced);
    if (embedded !== undefined && embedded !== trimmed) candidates.add(embedded);
    for (const candidate of candidates) {
      try {
        return { ok: true, value: parse(candidate) };
      } catch {
        // try the next candidate
      }
    }
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

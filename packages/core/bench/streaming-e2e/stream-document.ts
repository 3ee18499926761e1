import * as v from "valibot";
import { z } from "zod/v3";
import { SeededRandom } from "../partial-json/seeded-random.js";

/** One record of the streamed document: strings (some with escapes), numbers, a boolean and a small array. */
export const BenchRecord = v.object({
  id: v.number(),
  name: v.string(),
  price: v.number(),
  inStock: v.boolean(),
  tags: v.array(v.string()),
  note: v.string(),
});

/** The streamed document, `{ content: [records] }`: the shape `iterable(BenchRecord)` asks for too. */
export const BenchDocument = v.object({ content: v.array(BenchRecord) });
export type BenchDocument = v.InferOutput<typeof BenchDocument>;

/**
 * The same schemas in zod, for instructor-js (which only takes zod): its classic API (`zod/v3`,
 * shipped in the workspace's zod 4). instructor-js's partial stream builds its stub objects from
 * zod 3's schema internals; with a zod 4 schema every array comes out as an object keyed "0", "1", ...
 */
export const BenchRecordZod = z.object({
  id: z.number(),
  name: z.string(),
  price: z.number(),
  inStock: z.boolean(),
  tags: z.array(z.string()),
  note: z.string(),
});
export const BenchDocumentZod = z.object({ content: z.array(BenchRecordZod) });

const words = ["alpha", "beta", "gamma", "delta", "stream", "token", "model", "value", "output", "schema", "parser", "chunk"];
const escaped = ['say "hi"', "line\nbreak", "tab\there", "back\\slash", "a/b"];

function note(random: SeededRandom): string {
  const parts: string[] = [];
  for (let count = random.integer(2, 9); parts.length < count; ) parts.push(random.next() < 0.1 ? random.pick(escaped) : random.pick(words));
  return parts.join(" ");
}

function benchRecord(random: SeededRandom, id: number): BenchDocument["content"][number] {
  return {
    id,
    name: `${random.pick(words)}-${id}`,
    price: Math.round(random.next() * 100_000) / 100,
    inStock: random.next() < 0.7,
    // At least one tag: instructor-js's partial stream leaves an empty array inside a list element out of its last partial.
    tags: Array.from({ length: random.integer(1, 3) }, () => random.pick(words)),
    note: note(random),
  };
}

/**
 * A deterministic document of about `targetCharacters` characters of compact
 * JSON (ASCII only, so characters are bytes): records are added while each
 * one brings the length closer to the target, and there is always at least
 * one. Records are about 90 .. 190 characters, so the text is within about
 * 100 characters of the target. The same `(targetCharacters, seed)` gives the same text in any
 * process (the server and the clients each generate it).
 */
export function generateBenchDocument(targetCharacters: number, seed = 18): BenchDocument {
  const random = new SeededRandom(seed);
  const content: BenchDocument["content"] = [];
  let length = JSON.stringify({ content }).length;
  for (;;) {
    const next = benchRecord(random, content.length + 1);
    const added = JSON.stringify(next).length + (content.length > 0 ? 1 : 0);
    if (content.length > 0 && Math.abs(length + added - targetCharacters) >= Math.abs(length - targetCharacters)) break;
    content.push(next);
    length += added;
  }
  return { content };
}

/** The request's model names the document: `bench-doc-<target characters>`. */
export const MODEL_PREFIX = "bench-doc-";

/** The model name that asks the stream server for the document of about `targetCharacters`. */
export function documentModel(targetCharacters: number): string {
  return `${MODEL_PREFIX}${targetCharacters}`;
}

/** The target size a model name asks for, or undefined when it is not a bench document's name. */
export function documentTarget(model: unknown): number | undefined {
  if (typeof model !== "string" || !model.startsWith(MODEL_PREFIX)) return undefined;
  const target = Number(model.slice(MODEL_PREFIX.length));
  return Number.isInteger(target) && target > 0 ? target : undefined;
}

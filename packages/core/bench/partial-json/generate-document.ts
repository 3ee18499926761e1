import { SeededRandom } from "./seeded-random.js";

const words = ["alpha", "beta", "gamma", "delta", "stream", "token", "model", "value", "output", "schema", "parser", "chunk"];
const fancy = ['say "hi"', "line\nbreak", "tab\there", "café", "naïve", "日本語", "emoji 😀", "back\\slash", "π ≈ 3.14159"];

function sentence(random: SeededRandom, wordCount: number): string {
  const parts: string[] = [];
  for (let index = 0; index < wordCount; index += 1) parts.push(random.next() < 0.1 ? random.pick(fancy) : random.pick(words));
  return parts.join(" ");
}

function item(random: SeededRandom, id: number): Record<string, unknown> {
  return {
    id,
    name: `${random.pick(words)}-${id}`,
    price: Math.round(random.next() * 100_000) / 100,
    quantity: random.integer(0, 500),
    inStock: random.next() < 0.7,
    discount: random.next() < 0.2 ? null : -Math.round(random.next() * 1000) / 1e5,
    description: sentence(random, random.integer(4, 16)),
    ratings: [random.integer(1, 5), random.integer(1, 5), random.integer(1, 5)],
    meta: { created: `2024-0${random.integer(1, 9)}-1${random.integer(0, 9)}T12:00:00Z`, weight: random.next() * 1e-3, tags: [random.pick(words)] },
  };
}

/**
 * A deterministic JSON text (compact `JSON.stringify`) of at least `targetCharacters`
 * characters, overshooting by at most one item: an object with strings and numbers at the top
 * and a nested array of objects (strings with escapes and astral characters, numbers with
 * fractions and exponents, literals, small arrays and objects).
 */
export function generateDocument(targetCharacters: number, seed = 42): string {
  const random = new SeededRandom(seed);
  const items: Record<string, unknown>[] = [];
  const document = {
    id: `doc-${targetCharacters}`,
    title: sentence(random, 8),
    version: 3,
    score: 0.734,
    total: 0,
    summary: sentence(random, 20),
    items,
  };
  let length = JSON.stringify(document).length;
  while (length < targetCharacters) {
    const next = item(random, items.length + 1);
    items.push(next);
    length += JSON.stringify(next).length + (items.length > 1 ? 1 : 0);
  }
  document.total = items.length;
  return JSON.stringify(document);
}

/** Splits `text` into chunks of `size` characters (the last one may be shorter). */
export function splitIntoChunks(text: string, size: number): string[] {
  const chunks: string[] = [];
  for (let index = 0; index < text.length; index += size) chunks.push(text.slice(index, index + size));
  return chunks;
}

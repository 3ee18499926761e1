import { describe, expect, it } from "vitest";
import { type JsonPath, PartialJsonError, PartialJsonParser } from "./index.js";

/** mulberry32-style seeded PRNG: deterministic floats in [0, 1). */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/** Writes random JSON texts (never the `__proto__` key, never duplicate keys). */
class JsonTextGenerator {
  constructor(private readonly random: () => number) {}

  integer(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[this.integer(0, items.length - 1)] as T;
  }

  whitespace(): string {
    if (this.random() < 0.6) return "";
    let text = "";
    for (let count = this.integer(1, 3); count > 0; count -= 1) text += this.pick([" ", "\t", "\n", "\r", "  "]);
    return text;
  }

  value(depth: number): string {
    const roll = this.random();
    if (depth < 4 && roll < 0.2) return this.object(depth + 1);
    if (depth < 4 && roll < 0.35) return this.array(depth + 1);
    if (roll < 0.65) return this.string();
    if (roll < 0.9) return this.number();
    return this.pick(["true", "false", "null"]);
  }

  object(depth: number): string {
    const keys = new Set<string>();
    const members: string[] = [];
    for (let count = this.integer(0, 5); count > 0; count -= 1) {
      const key = this.string();
      const decoded = JSON.parse(key) as string;
      if (keys.has(decoded) || decoded === "__proto__") continue;
      keys.add(decoded);
      members.push(`${this.whitespace()}${key}${this.whitespace()}:${this.whitespace()}${this.value(depth)}${this.whitespace()}`);
    }
    return members.length === 0 ? `{${this.whitespace()}}` : `{${members.join(",")}}`;
  }

  array(depth: number): string {
    const elements: string[] = [];
    for (let count = this.integer(0, 5); count > 0; count -= 1) elements.push(`${this.whitespace()}${this.value(depth)}${this.whitespace()}`);
    return elements.length === 0 ? `[${this.whitespace()}]` : `[${elements.join(",")}]`;
  }

  string(): string {
    const pool = ["a", "b", "z", "Q", " ", "0", "é", "日", "😀", "𝄞", "\ud83d", "\ude00", '"', "\\", "/", "\n", "\t", "\u0001", "\u001f", "\u2028", "constructor"];
    let text = '"';
    for (let count = this.integer(0, 10); count > 0; count -= 1) {
      for (const unit of this.pick(pool).split("")) text += this.encode(unit);
    }
    return `${text}"`;
  }

  /** One UTF-16 code unit as JSON: raw when allowed and chosen, else a short or a `\u` escape. */
  encode(unit: string): string {
    const code = unit.charCodeAt(0);
    const short: Record<string, string> = { '"': '\\"', "\\": "\\\\", "/": "\\/", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t" };
    const mustEscape = code < 0x20 || unit === '"' || unit === "\\";
    if (!mustEscape && this.random() < 0.7) return unit;
    const shortForm = short[unit];
    if (shortForm !== undefined && this.random() < 0.6) return shortForm;
    const hex = code.toString(16).padStart(4, "0");
    return `\\u${this.random() < 0.5 ? hex : hex.toUpperCase()}`;
  }

  number(): string {
    const sign = this.random() < 0.4 ? "-" : "";
    const integer = this.random() < 0.2 ? "0" : `${this.integer(1, 9)}${String(this.integer(0, 10 ** this.integer(0, 6)))}`.slice(0, this.integer(1, 8));
    const fraction = this.random() < 0.4 ? `.${String(this.integer(0, 99999))}` : "";
    const exponent = this.random() < 0.3 ? `${this.pick(["e", "E"])}${this.pick(["", "+", "-"])}${this.integer(0, 320)}` : "";
    return `${sign}${integer}${fraction}${exponent}`;
  }

  document(): string {
    const roll = this.random();
    const root = roll < 0.45 ? this.object(0) : roll < 0.8 ? this.array(0) : this.value(3);
    return `${this.whitespace()}${root}${this.whitespace()}`;
  }

  chunks(text: string): string[] {
    const chunks: string[] = [];
    for (let index = 0; index < text.length; ) {
      const size = this.random() < 0.15 ? 1 : this.integer(1, 12);
      chunks.push(text.slice(index, index + size));
      index += size;
    }
    return chunks;
  }
}

function kind(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
}

/**
 * Why `partial` (a snapshot) cannot grow into `final`, or undefined if it can: same types,
 * strings are prefixes, arrays no longer, object keys a subset, completed values equal.
 * (Plain comparisons rather than `expect`, which is too slow for every node of every snapshot.)
 */
function inconsistency(partial: unknown, final: unknown, path: JsonPath, complete: (path: JsonPath) => boolean): string | undefined {
  const where = JSON.stringify(path);
  if (kind(partial) !== kind(final)) return `type ${kind(partial)} instead of ${kind(final)} at ${where}`;
  if (typeof partial === "string") {
    if (!(final as string).startsWith(partial)) return `string ${JSON.stringify(partial)} is not a prefix at ${where}`;
    if (complete(path) && partial !== final) return `completed string differs at ${where}`;
    const next = (final as string).charCodeAt(partial.length);
    const last = partial.charCodeAt(partial.length - 1);
    if (last >= 0xd800 && last <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) return `half a surrogate pair at ${where}`;
  } else if (Array.isArray(partial)) {
    const finalArray = final as unknown[];
    if (partial.length > finalArray.length) return `array longer than final at ${where}`;
    if (complete(path) && partial.length !== finalArray.length) return `completed array shorter at ${where}`;
    for (let index = 0; index < partial.length; index += 1) {
      const problem = inconsistency(partial[index], finalArray[index], [...path, index], complete);
      if (problem !== undefined) return problem;
    }
  } else if (typeof partial === "object" && partial !== null) {
    const finalObject = final as Record<string, unknown>;
    const keys = Object.keys(partial);
    if (complete(path) && keys.length !== Object.keys(finalObject).length) return `completed object misses keys at ${where}`;
    for (const key of keys) {
      if (!Object.hasOwn(finalObject, key)) return `unexpected key ${JSON.stringify(key)} at ${where}`;
      const problem = inconsistency((partial as Record<string, unknown>)[key], finalObject[key], [...path, key], complete);
      if (problem !== undefined) return problem;
    }
  } else if (!Object.is(partial, final)) {
    return `scalar ${String(partial)} instead of ${String(final)} at ${where}`;
  } else if (!complete(path)) {
    return `scalar shown before it is complete at ${where}`;
  }
  return undefined;
}

/** Streams `chunks`, checking every snapshot against `JSON.parse` of the whole text. */
function expectStreamsLikeJsonParse(chunks: readonly string[]): void {
  const text = chunks.join("");
  const final: unknown = JSON.parse(text);
  const parser = new PartialJsonParser();
  for (const [index, chunk] of chunks.entries()) {
    parser.write(chunk);
    const snapshot = structuredClone(parser.value);
    const problem = snapshot === undefined ? undefined : inconsistency(snapshot, final, [], (path) => parser.isComplete(path));
    if (problem !== undefined) throw new Error(`after ${JSON.stringify(chunks.slice(0, index + 1).join(""))}: ${problem}`);
  }
  expect(parser.end()).toEqual(final);
}

describe("PartialJsonParser: random documents in random chunks", () => {
  it("matches JSON.parse and stays prefix-consistent after every chunk (500 documents)", () => {
    const generator = new JsonTextGenerator(seededRandom(20240601));
    for (let round = 0; round < 500; round += 1) {
      const text = generator.document();
      try {
        expectStreamsLikeJsonParse(generator.chunks(text));
      } catch (error) {
        throw new Error(`document ${round}: ${JSON.stringify(text)}\n${String(error)}`);
      }
    }
  });

  it("handles a document with every token kind split at every position, and one character at a time", () => {
    const text = ' {"s":"a\\u00e9\\ud83d\\ude00\ud83d\ude00\\n\\"","n":[-0,12,-1.5e-3,1E+2,0.5],"l":[true,false,null],"o":{"k":{}},"e":[]} ';
    for (let split = 0; split <= text.length; split += 1) expectStreamsLikeJsonParse([text.slice(0, split), text.slice(split)]);
    expectStreamsLikeJsonParse(text.split(""));
  });
});

describe("PartialJsonParser: random invalid mutations", () => {
  it("throws whenever JSON.parse throws, and agrees with it otherwise", () => {
    const random = seededRandom(77);
    const generator = new JsonTextGenerator(random);
    const insertions = [",", "]", "}", "[", "{", ":", '"', "\\", "0", "-", "+", ".", "e", "x", " ", "\u0001", "'", "\uFEFF", "/"];
    let invalidCount = 0;
    for (let round = 0; round < 500; round += 1) {
      const valid = generator.document();
      const at = generator.integer(0, valid.length);
      const mutation = generator.integer(0, 3);
      const insertion = generator.pick(insertions);
      const text =
        mutation === 0
          ? valid.slice(0, at) + valid.slice(at + 1)
          : mutation === 1
            ? valid.slice(0, at) + insertion + valid.slice(at)
            : mutation === 2
              ? valid.slice(0, at) + insertion + valid.slice(at + 1)
              : valid.slice(0, at);
      let expected: unknown;
      let jsonParseThrew = false;
      try {
        expected = JSON.parse(text);
      } catch {
        jsonParseThrew = true;
      }
      const parser = new PartialJsonParser();
      const run = (): unknown => {
        for (const chunk of generator.chunks(text)) parser.write(chunk);
        return parser.end();
      };
      if (jsonParseThrew) {
        invalidCount += 1;
        expect(() => run(), `should reject ${JSON.stringify(text)}`).toThrow(PartialJsonError);
      } else if (!text.includes("__proto__")) {
        expect(run(), `should accept ${JSON.stringify(text)}`).toEqual(expected);
      }
    }
    expect(invalidCount).toBeGreaterThan(250);
  });
});

import type { GbnfJsonSchema, Llama, LlamaGrammar } from "node-llama-cpp";
import { sanitizeJsonSchema } from "./sanitize-json-schema.js";

/** Grammars kept per engine; the least recently used is dropped beyond this. */
const defaultLimit = 64;

/**
 * The grammars of one llama.cpp instance, built once per distinct schema:
 * building a JSON-schema grammar costs far more than a cache lookup, and the
 * same response model is sent on every call and re-ask. Keys are the
 * sanitized schema's JSON; the schema objects themselves are remembered
 * weakly so a repeated object skips even that.
 */
export class GrammarCache {
  private readonly grammars = new Map<string, Promise<LlamaGrammar>>();
  private readonly keys = new WeakMap<object, string>();
  private jsonGrammar: Promise<LlamaGrammar> | undefined;

  constructor(
    private readonly llama: Llama,
    private readonly limit: number = defaultLimit,
  ) {}

  /** llama.cpp's built-in grammar for any JSON value (`response_format: json_object`). */
  json(): Promise<LlamaGrammar> {
    this.jsonGrammar ??= this.llama.getGrammarFor("json").catch((error: unknown) => {
      this.jsonGrammar = undefined;
      throw error;
    });
    return this.jsonGrammar;
  }

  /** The grammar that only lets the model write JSON valid for `schema` (sanitized first). */
  forSchema(schema: unknown): Promise<LlamaGrammar> {
    const key = this.keyOf(schema);
    const cached = this.grammars.get(key);
    if (cached) {
      // Re-inserting marks it most recently used.
      this.grammars.delete(key);
      this.grammars.set(key, cached);
      return cached;
    }
    const sanitized = JSON.parse(key) as GbnfJsonSchema;
    const grammar = this.llama.createGrammarForJsonSchema<GbnfJsonSchema>(sanitized).catch((error: unknown) => {
      this.grammars.delete(key);
      throw error;
    });
    this.grammars.set(key, grammar);
    const oldest = this.grammars.keys().next();
    if (this.grammars.size > this.limit && !oldest.done) this.grammars.delete(oldest.value);
    return grammar;
  }

  /** How many schema grammars are cached. */
  get size(): number {
    return this.grammars.size;
  }

  private keyOf(schema: unknown): string {
    const isObject = typeof schema === "object" && schema !== null;
    const known = isObject ? this.keys.get(schema) : undefined;
    if (known !== undefined) return known;
    const key = JSON.stringify(sanitizeJsonSchema(schema));
    if (isObject) this.keys.set(schema, key);
    return key;
  }
}

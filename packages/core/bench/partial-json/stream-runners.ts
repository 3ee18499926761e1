import { JSONParser } from "@streamparser/json";
import { parsePartialJson } from "ai";
import { Allow, parse as parsePartialJsonLibrary } from "partial-json";
import { PartialJsonParser } from "../../src/partial-json/index.js";

/** One way of consuming a chunked JSON stream. */
export interface StreamRunner {
  readonly name: string;
  /** Whether a partial value is available after every chunk (what a progressive UI needs). */
  readonly snapshots: boolean;
  /** Re-parses the accumulated text per chunk: quadratic in the stream length. */
  readonly quadratic: boolean;
  /** Consumes every chunk; resolves to the final value. */
  run(chunks: readonly string[]): Promise<unknown>;
}

/** Written after every chunk so that no runner's snapshot work can be optimized away. */
export let lastSnapshot: unknown;

/** This package's incremental parser: `write(chunk)` then read `.value`. */
export const cortexRunner: StreamRunner = {
  name: "cortex PartialJsonParser",
  snapshots: true,
  quadratic: false,
  run(chunks) {
    const parser = new PartialJsonParser();
    for (const chunk of chunks) {
      parser.write(chunk);
      lastSnapshot = parser.value;
    }
    return Promise.resolve(parser.end());
  },
};

/** The AI SDK's `parsePartialJson` of the accumulated text after every chunk, as `streamObject` does. */
export const aiSdkRunner: StreamRunner = {
  name: "ai parsePartialJson",
  snapshots: true,
  quadratic: true,
  async run(chunks) {
    let accumulated = "";
    let value: unknown;
    for (const chunk of chunks) {
      accumulated += chunk;
      value = (await parsePartialJson(accumulated)).value;
      lastSnapshot = value;
    }
    return value;
  },
};

/** `partial-json`'s `parse(accumulated, Allow.ALL)` after every chunk. */
export const partialJsonRunner: StreamRunner = {
  name: "partial-json parse",
  snapshots: true,
  quadratic: true,
  run(chunks) {
    let accumulated = "";
    let value: unknown;
    for (const chunk of chunks) {
      accumulated += chunk;
      value = parsePartialJsonLibrary(accumulated, Allow.ALL);
      lastSnapshot = value;
    }
    return Promise.resolve(value);
  },
};

/** `@streamparser/json`'s `JSONParser` fed each chunk: a linear tokenizer that emits the root once, no snapshots. */
export const streamParserRunner: StreamRunner = {
  name: "@streamparser/json (no snapshots)",
  snapshots: false,
  quadratic: false,
  run(chunks) {
    const parser = new JSONParser({ paths: ["$"], keepStack: false });
    let value: unknown;
    parser.onValue = (info) => {
      if (info.stack.length === 0) value = info.value;
    };
    for (const chunk of chunks) parser.write(chunk);
    if (!parser.isEnded) parser.end();
    return Promise.resolve(value);
  },
};

/** The floor: concatenate every chunk, then one `JSON.parse` (no snapshots). */
export const floorRunner: StreamRunner = {
  name: "floor: concat + JSON.parse",
  snapshots: false,
  quadratic: false,
  run(chunks) {
    let accumulated = "";
    for (const chunk of chunks) accumulated += chunk;
    return Promise.resolve(JSON.parse(accumulated));
  },
};

/** Every runner, in table order. */
export const allRunners: readonly StreamRunner[] = [cortexRunner, aiSdkRunner, partialJsonRunner, streamParserRunner, floorRunner];

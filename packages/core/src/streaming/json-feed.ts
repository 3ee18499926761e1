import { type JsonPath, PartialJsonParser } from "../partial-json/index.js";
import type { JsonShape } from "../partial-json/json-shape.js";
import type { PreparedCall } from "../prepare-call.js";
import type { ChunkAccumulator, ChunkDelta } from "./chunk-accumulator.js";
import { contentJsonReader, type StreamedJsonReader } from "./json-delta-text.js";
import type { StreamLimits } from "./partial-observer.js";

const plainContent = contentJsonReader(false);

/**
 * One attempt's JSON as it streams: the text of each chunk (per mode) fed to
 * an incremental parser. Feeding stops once the document is complete, or at
 * the first text the parser cannot read; the final answer is then checked
 * (and re-asked) like a non-streaming one, so a stop never fails the call.
 */
export class JsonFeed {
  readonly parser: PartialJsonParser;
  private readonly read: StreamedJsonReader;
  private stopped = false;

  constructor(
    call: PreparedCall,
    limits: StreamLimits,
    parsing: { readonly onValueComplete?: (path: JsonPath, value: unknown) => void; readonly shape?: JsonShape } = {},
  ) {
    this.parser = new PartialJsonParser({ ...limits, ...parsing });
    this.read = (call.strategy.streamedJson ?? plainContent)();
  }

  /** Feeds what the chunk added; returns how many characters the parser took. */
  feed(delta: ChunkDelta, accumulator: ChunkAccumulator): number {
    if (this.stopped) return 0;
    const text = this.read(delta, accumulator);
    if (text === "") return 0;
    try {
      this.parser.write(text);
      if (this.parser.isComplete([])) this.stopped = true;
    } catch {
      // Trailing text after the document, or output that is not JSON.
      this.stopped = true;
    }
    return text.length;
  }
}

import { type JsonPath, PartialJsonParser } from "../partial-json/index.js";
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

  constructor(call: PreparedCall, limits: StreamLimits, onValueComplete?: (path: JsonPath, value: unknown) => void) {
    this.parser = new PartialJsonParser({
      ...(limits.maxDepth === undefined ? {} : { maxDepth: limits.maxDepth }),
      ...(limits.maxLength === undefined ? {} : { maxLength: limits.maxLength }),
      ...(onValueComplete ? { onValueComplete } : {}),
    });
    this.read = (call.strategy.streamedJson ?? plainContent)();
  }

  /** Feeds what the chunk added; true when the parser took new text. */
  feed(delta: ChunkDelta, accumulator: ChunkAccumulator): boolean {
    if (this.stopped) return false;
    const text = this.read(delta, accumulator);
    if (text === "") return false;
    try {
      this.parser.write(text);
      if (this.parser.isComplete([])) this.stopped = true;
    } catch {
      // Trailing text after the document, or output that is not JSON.
      this.stopped = true;
    }
    return true;
  }
}

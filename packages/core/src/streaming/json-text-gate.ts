/**
 * Passes on only the JSON document inside a streamed answer, in linear time:
 * text before the first `{` or `[` is dropped (models sometimes write a
 * sentence first), and with `fenced` (MD_JSON) only the body of the first
 * ```json block is passed. Text after the document is the caller's to stop.
 */
export class JsonTextGate {
  private started = false;
  private closed = false;
  /** Text before the start that may still hold a fence opening (bounded). */
  private before = "";
  /** Trailing backticks inside a fenced body that may start the closing fence. */
  private tail = "";

  constructor(private readonly fenced: boolean) {}

  /** The part of `text` that belongs to the JSON document. */
  push(text: string): string {
    if (this.closed || text === "") return "";
    if (this.started) return this.fenced ? this.body(text) : text;
    const buffered = this.before + text;
    const brace = firstBrace(buffered);
    if (this.fenced) {
      const open = buffered.indexOf("```");
      if (open !== -1 && (brace === -1 || open < brace)) {
        const lineEnd = buffered.indexOf("\n", open + 3);
        if (lineEnd === -1) {
          this.before = buffered.slice(open, open + 64);
          return "";
        }
        this.started = true;
        this.before = "";
        return this.body(buffered.slice(lineEnd + 1));
      }
    }
    if (brace === -1) {
      // Keep what could be the start of a fence ("`", "``", "```json") for the next chunk.
      const fence = buffered.lastIndexOf("`");
      this.before = this.fenced && fence !== -1 && fence >= buffered.length - 8 ? buffered.slice(fence - 2 < 0 ? 0 : fence - 2) : "";
      return "";
    }
    this.started = true;
    this.before = "";
    return this.fenced ? this.body(buffered.slice(brace)) : buffered.slice(brace);
  }

  private body(text: string): string {
    const combined = this.tail + text;
    const close = combined.indexOf("```");
    if (close !== -1) {
      this.tail = "";
      this.closed = true;
      return combined.slice(0, close);
    }
    const keep = combined.endsWith("``") ? 2 : combined.endsWith("`") ? 1 : 0;
    this.tail = combined.slice(combined.length - keep);
    return combined.slice(0, combined.length - keep);
  }
}

function firstBrace(text: string): number {
  const brace = text.indexOf("{");
  const bracket = text.indexOf("[");
  if (brace === -1) return bracket;
  if (bracket === -1) return brace;
  return Math.min(brace, bracket);
}

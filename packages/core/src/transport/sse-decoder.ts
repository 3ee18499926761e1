/** One server-sent event: its `event` field (null when absent) and its `data` lines joined. */
export interface ServerSentEvent {
  readonly event: string | null;
  readonly data: string;
}

/**
 * Splits a server-sent-events byte stream into events, in linear time: bytes
 * are decoded as they come (a character split across reads is kept for the
 * next one), and each line is scanned once. Lines may end in `\n`, `\r\n` or
 * `\r`; `data:` lines of one event are joined with `\n`; comments (`:`) and
 * unknown fields are skipped, as the SSE standard says.
 */
export class SseDecoder {
  private readonly decoder = new TextDecoder();
  /** The pieces of a line not ended yet (joined once it ends, so a long line costs its length, not its length squared). */
  private rest: string[] = [];
  /** A `\r` ended the last read: a `\n` starting the next one belongs to it. */
  private pendingCarriageReturn = false;
  private event: string | null = null;
  private data: string[] = [];

  /** Adds the next bytes; returns the events they completed. */
  push(bytes: Uint8Array): ServerSentEvent[] {
    return this.lines(this.decoder.decode(bytes, { stream: true }));
  }

  /** Ends the stream: returns the last event when it was not followed by a blank line. */
  end(): ServerSentEvent[] {
    const events = this.lines(`${this.decoder.decode()}\n`);
    if (this.data.length > 0) events.push(this.dispatch());
    return events;
  }

  private lines(text: string): ServerSentEvent[] {
    const events: ServerSentEvent[] = [];
    let start = 0;
    if (this.pendingCarriageReturn) {
      this.pendingCarriageReturn = false;
      if (text.charCodeAt(0) === 10) start = 1;
    }
    if (text.indexOf("\r", start) === -1) {
      // The usual case: `\n` line ends only, found by the engine's own search.
      for (let end = text.indexOf("\n", start); end !== -1; end = text.indexOf("\n", start)) {
        this.line(text.slice(start, end), events);
        start = end + 1;
      }
    } else {
      for (let index = start; index < text.length; index += 1) {
        const code = text.charCodeAt(index);
        if (code !== 10 && code !== 13) continue;
        this.line(text.slice(start, index), events);
        if (code === 13) {
          if (index + 1 === text.length) this.pendingCarriageReturn = true;
          else if (text.charCodeAt(index + 1) === 10) index += 1;
        }
        start = index + 1;
      }
    }
    if (start < text.length) this.rest.push(text.slice(start));
    return events;
  }

  /** One complete line: the text carried over from earlier reads, then `tail`. */
  private line(tail: string, events: ServerSentEvent[]): void {
    let line = tail;
    if (this.rest.length > 0) {
      this.rest.push(tail);
      line = this.rest.join("");
      this.rest = [];
    }
    this.field(line, events);
  }

  private field(line: string, events: ServerSentEvent[]): void {
    if (line === "") {
      if (this.data.length > 0 || this.event !== null) events.push(this.dispatch());
      return;
    }
    if (line.charCodeAt(0) === 58) return; // ":" a comment
    const colon = line.indexOf(":");
    const name = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    if (name === "data") this.data.push(value);
    else if (name === "event") this.event = value;
  }

  private dispatch(): ServerSentEvent {
    const event = { event: this.event, data: this.data.length === 1 ? (this.data[0] as string) : this.data.join("\n") };
    this.event = null;
    this.data = [];
    return event;
  }
}

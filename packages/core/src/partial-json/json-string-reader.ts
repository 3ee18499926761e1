import { CharCode, hexDigitValue, isHighSurrogate } from "./char-codes.js";
import { PartialJsonError } from "./partial-json-error.js";

/** Escape progress: not in an escape, just after `\`, or after `\u` plus 0..3 hex digits. */
const notEscaping = 0;
const afterBackslash = 1;
const firstHexDigit = 2;
const pastLastHexDigit = 6;

function simpleEscape(code: number): string | undefined {
  switch (code) {
    case CharCode.quote:
      return '"';
    case CharCode.backslash:
      return "\\";
    case CharCode.slash:
      return "/";
    case CharCode.lowerB:
      return "\b";
    case CharCode.lowerF:
      return "\f";
    case CharCode.lowerN:
      return "\n";
    case CharCode.lowerR:
      return "\r";
    case CharCode.lowerT:
      return "\t";
    default:
      return undefined;
  }
}

/** Flatten a growing string once it has this many pieces and they are at least 1/8 of its length (amortized linear). */
const minimumPiecesToFlatten = 32;

/**
 * Makes V8 turn a rope (a chain of concatenations) into one flat string in place, so that a
 * string read in many chunks is retained as one block instead of one node per chunk (several
 * times less memory and GC work for strings of many small chunks). `charCodeAt` flattens ropes as a side effect; in engines
 * without ropes it is just a cheap read.
 */
function flatten(text: string): void {
  text.charCodeAt(0);
}

/**
 * Decodes the contents of one JSON string (after its opening quote) across chunks.
 *
 * `text` only ever grows, and only by whole characters: an escape split by a chunk
 * boundary, and a high surrogate (raw or `\uD8xx`) whose low half may still come,
 * are held back until the next chunk decides them. Plain runs are appended with one
 * `slice` each. Reuse one reader for many strings with {@link reset}.
 */
export class JsonStringReader {
  /** The decoded characters so far. */
  text = "";
  /** True once the closing quote was read. */
  closed = false;
  private heldHighSurrogate = "";
  private escape = notEscaping;
  private codeUnit = 0;
  /** Concatenations since `text` was last flat. */
  private pieces = 0;

  /** Starts a new, empty string. */
  reset(): void {
    this.text = "";
    this.pieces = 0;
    this.closed = false;
    this.heldHighSurrogate = "";
    this.escape = notEscaping;
    this.codeUnit = 0;
  }

  /**
   * Reads from `chunk` at `index` up to and including the closing quote, or to the
   * end of the chunk. Returns the index after what was read; `closed` tells which.
   * `offset` is the stream position of the chunk's first character (for errors).
   */
  read(chunk: string, index: number, offset: number): number {
    const length = chunk.length;
    let position = index;
    while (position < length) {
      if (this.escape !== notEscaping) {
        this.readEscape(chunk.charCodeAt(position), offset + position);
        position += 1;
        continue;
      }
      const runStart = position;
      let code = 0;
      while (position < length) {
        code = chunk.charCodeAt(position);
        if (code === CharCode.quote || code === CharCode.backslash || code < CharCode.space) break;
        position += 1;
      }
      if (position > runStart) {
        const endsOpen = position === length || code === CharCode.backslash;
        this.appendRun(chunk, runStart, position, endsOpen);
      }
      if (position === length) break;
      if (code === CharCode.quote) {
        this.releaseHeldSurrogate();
        if (this.pieces > 1) flatten(this.text);
        this.closed = true;
        return position + 1;
      }
      if (code === CharCode.backslash) {
        this.escape = afterBackslash;
        position += 1;
        continue;
      }
      throw new PartialJsonError("syntax", offset + position, "Unescaped control character in string");
    }
    if (this.pieces >= minimumPiecesToFlatten && this.pieces * 8 >= this.text.length) {
      flatten(this.text);
      this.pieces = 0;
    }
    return position;
  }

  /** Appends `chunk[start, end)`; when more may follow (`endsOpen`), a trailing high surrogate is held back. */
  private appendRun(chunk: string, start: number, end: number, endsOpen: boolean): void {
    const holdLast = endsOpen && isHighSurrogate(chunk.charCodeAt(end - 1));
    const run = chunk.slice(start, holdLast ? end - 1 : end);
    if (this.heldHighSurrogate !== "") {
      this.text += this.heldHighSurrogate + run;
      this.heldHighSurrogate = "";
      this.pieces += 1;
    } else if (run !== "") {
      this.text += run;
      this.pieces += 1;
    }
    if (holdLast) this.heldHighSurrogate = chunk.charAt(end - 1);
  }

  private readEscape(code: number, position: number): void {
    if (this.escape === afterBackslash) {
      if (code === CharCode.lowerU) {
        this.escape = firstHexDigit;
        this.codeUnit = 0;
        return;
      }
      const decoded = simpleEscape(code);
      if (decoded === undefined) throw new PartialJsonError("syntax", position, "Invalid escape in string");
      this.escape = notEscaping;
      this.appendCodeUnit(decoded, false);
      return;
    }
    const digit = hexDigitValue(code);
    if (digit < 0) throw new PartialJsonError("syntax", position, "Invalid \\u escape in string");
    this.codeUnit = this.codeUnit * 16 + digit;
    this.escape += 1;
    if (this.escape === pastLastHexDigit) {
      this.escape = notEscaping;
      this.appendCodeUnit(String.fromCharCode(this.codeUnit), isHighSurrogate(this.codeUnit));
    }
  }

  /** Appends one decoded code unit; a high surrogate waits for what follows it. */
  private appendCodeUnit(unit: string, isHigh: boolean): void {
    if (isHigh) {
      // A previously held high surrogate followed by another one stays lone: release it.
      if (this.heldHighSurrogate !== "") this.text += this.heldHighSurrogate;
      this.heldHighSurrogate = unit;
      this.pieces += 1;
      return;
    }
    this.text += this.heldHighSurrogate + unit;
    this.heldHighSurrogate = "";
    this.pieces += 1;
  }

  private releaseHeldSurrogate(): void {
    if (this.heldHighSurrogate === "") return;
    this.text += this.heldHighSurrogate;
    this.heldHighSurrogate = "";
    this.pieces += 1;
  }
}

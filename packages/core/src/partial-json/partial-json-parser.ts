import { CharCode, isDigit, isJsonWhitespace } from "./char-codes.js";
import { type ContainerFrame, MemberMode, memberModeFor, openFrame, pathOfFrames, storeInFrame } from "./container-frame.js";
import { isValueComplete } from "./is-value-complete.js";
import { JsonNumberReader } from "./json-number-reader.js";
import { JsonStringReader } from "./json-string-reader.js";
import { PartialJsonError } from "./partial-json-error.js";
import type { JsonShape } from "./json-shape.js";
import type { OpenState } from "./open-state.js";
import { defaultMaxDepth, defaultMaxLength, type JsonPath, type PartialJsonParserOptions, positiveLimit } from "./partial-json-options.js";

/** What the parser expects next. */
const expectValue = 0; // the root value, after `:`, after `,` in an array
const expectValueOrArrayEnd = 1; // after `[`
const expectKeyOrObjectEnd = 2; // after `{`
const expectKey = 3; // after `,` in an object
const expectColon = 4; // after a key
const expectCommaOrEnd = 5; // after a member or an element
const expectNothing = 6; // after the root value: whitespace only
const inString = 7;
const inKey = 8;
const inNumber = 9;
const inLiteral = 10;

/**
 * An incremental, linear-time JSON parser that keeps a live partial value.
 *
 * Feed the document in chunks split anywhere with {@link write}; {@link value} is the partial
 * value after each chunk: the same objects, mutated in place. The partial value never shows a
 * value that later changes type, nor a wrong scalar: containers and strings appear when they
 * open (strings grow by whole characters), numbers and literals only once complete, object
 * members only once their value started. Input that `JSON.parse` would reject throws a
 * {@link PartialJsonError} as soon as it is seen.
 *
 * Security: a member named `__proto__` is dropped (neither set as prototype nor as an own key);
 * no prototype is ever changed. Duplicate keys: the last one wins, as with `JSON.parse` (the
 * partial value then does show the earlier value before it is replaced).
 */
export class PartialJsonParser {
  private readonly maxDepth: number;
  private readonly maxLength: number;
  private readonly onValueComplete: ((path: JsonPath, value: unknown) => void) | undefined;
  private readonly shape: JsonShape | undefined;
  private readonly strings = new JsonStringReader();
  private readonly numbers = new JsonNumberReader();
  private readonly frames: ContainerFrame[] = [];
  private top: ContainerFrame | undefined;
  private root: unknown;
  private state = expectValue;
  /** Stream position of the current chunk's first character. */
  private offset = 0;
  private literalText = "";
  private changes = 0;
  /** Length of the string value as last stored, so that a chunk that adds no character changes nothing. */
  private storedStringLength = -1;
  private literalValue: boolean | null = null;
  private literalIndex = 0;
  private failure: unknown;
  private ended = false;
  /** True while a chunk is being consumed (onValueComplete must not call write() or end()). */
  private busy = false;

  /** A parser for one JSON document. */
  constructor(options: PartialJsonParserOptions = {}) {
    this.maxDepth = positiveLimit("maxDepth", options.maxDepth, defaultMaxDepth);
    this.maxLength = positiveLimit("maxLength", options.maxLength, defaultMaxLength);
    this.onValueComplete = options.onValueComplete;
    this.shape = options.shape;
  }

  /**
   * Counts the changes of the partial value: it moves whenever {@link value} shows something new
   * (a container opened, a member or element added, a string grown), and only then. Input that
   * changes nothing visible (whitespace, punctuation, a key, a number not finished yet, a member
   * kept out) leaves it as it was.
   */
  get version(): number {
    return this.changes;
  }

  /**
   * How many members and elements the open containers hold together: the cost of copying the
   * open path of the partial value (what an immutable snapshot copies).
   */
  get openWidth(): number {
    let width = 0;
    for (const frame of this.frames) width += frame.size;
    return width;
  }

  /** Where the parser is, to tell later which values of a snapshot taken now were complete: see {@link isCompleteAt}. */
  openState(): OpenState {
    return { slot: pathOfFrames(this.frames), readingString: this.state === inString };
  }

  /** The live partial value (undefined before the root value starts). Not a copy: it keeps changing as chunks arrive. */
  get value(): unknown {
    return this.root;
  }

  /**
   * Feeds the next chunk. Throws a `syntax` PartialJsonError, with its stream position, as soon as
   * the input cannot be JSON (and `depth`/`size` past the limits). After any error, including one
   * thrown by `onValueComplete`, every later call throws that same error.
   */
  write(chunk: string): void {
    this.checkUsable("write");
    if (this.ended) throw new Error("PartialJsonParser.write() called after end()");
    if (this.offset + chunk.length > this.maxLength) {
      this.failure = new PartialJsonError("size", this.maxLength, `Input longer than maxLength (${this.maxLength} characters)`);
      throw this.failure;
    }
    this.busy = true;
    try {
      this.consume(chunk);
    } catch (error) {
      this.failure = error;
      throw error;
    } finally {
      this.busy = false;
    }
    this.offset += chunk.length;
  }

  /**
   * Ends the stream and returns the final value (deep-equal to `JSON.parse` of the whole text).
   * Throws an `incomplete` PartialJsonError (position = total length) if the document is not finished.
   */
  end(): unknown {
    this.checkUsable("end");
    if (this.ended) return this.root;
    if (this.state === inNumber && this.numbers.end()) {
      this.busy = true;
      try {
        this.completeScalar(this.numbers.value); // may call onValueComplete
      } catch (error) {
        this.failure = error;
        throw error;
      } finally {
        this.busy = false;
      }
    }
    if (this.state !== expectNothing) {
      this.failure = new PartialJsonError("incomplete", this.offset, "Unexpected end of JSON input");
      throw this.failure;
    }
    this.ended = true;
    return this.root;
  }

  /** Whether the value at `path` exists and is complete (a closed string, a finished number or literal, a closed object or array). */
  isComplete(path: JsonPath): boolean {
    return isValueComplete(this.root, this.frames, this.state === inString, path);
  }

  private checkUsable(method: "write" | "end"): void {
    if (this.failure !== undefined) throw this.failure;
    if (this.busy) throw new Error(`PartialJsonParser.${method}() called from onValueComplete`);
  }

  private consume(chunk: string): void {
    const length = chunk.length;
    let index = 0;
    while (index < length) {
      switch (this.state) {
        case inString:
          index = this.strings.read(chunk, index, this.offset);
          if (this.strings.closed) this.closeString();
          break;
        case inKey:
          index = this.strings.read(chunk, index, this.offset);
          if (this.strings.closed) this.closeKey();
          break;
        case inNumber:
          index = this.numbers.read(chunk, index, this.offset);
          if (this.numbers.done) this.completeScalar(this.numbers.value);
          break;
        case inLiteral:
          this.readLiteral(chunk.charCodeAt(index), index);
          index += 1;
          break;
        default:
          index = this.readStructure(chunk, index);
      }
    }
    if (this.state === inString && this.strings.text.length !== this.storedStringLength) {
      this.storedStringLength = this.strings.text.length;
      this.storeCurrent(this.strings.text, false);
    }
  }

  /** One step outside strings, numbers and literals: whitespace runs, punctuation, or the start of a value. */
  private readStructure(chunk: string, index: number): number {
    const code = chunk.charCodeAt(index);
    if (isJsonWhitespace(code)) {
      let position = index + 1;
      while (position < chunk.length && isJsonWhitespace(chunk.charCodeAt(position))) position += 1;
      return position;
    }
    switch (this.state) {
      case expectValue:
        return this.startValue(code, index);
      case expectValueOrArrayEnd:
        if (code === CharCode.closeBracket) return this.closeContainer(index);
        return this.startValue(code, index);
      case expectKeyOrObjectEnd:
        if (code === CharCode.closeBrace) return this.closeContainer(index);
        return this.startKey(code, index);
      case expectKey:
        return this.startKey(code, index);
      case expectColon:
        if (code !== CharCode.colon) throw this.syntaxError(index, "Expected ':' after object key");
        this.state = expectValue;
        return index + 1;
      case expectCommaOrEnd: {
        const isArray = (this.top as ContainerFrame).isArray;
        if (code === CharCode.comma) {
          this.state = isArray ? expectValue : expectKey;
          return index + 1;
        }
        if (code === (isArray ? CharCode.closeBracket : CharCode.closeBrace)) return this.closeContainer(index);
        throw this.syntaxError(index, isArray ? "Expected ',' or ']' in array" : "Expected ',' or '}' in object");
      }
      default:
        throw this.syntaxError(index, "Unexpected non-whitespace character after JSON");
    }
  }

  private startValue(code: number, index: number): number {
    switch (code) {
      case CharCode.quote:
        this.strings.reset();
        this.storedStringLength = 0;
        this.storeCurrent("", true);
        this.state = inString;
        return index + 1;
      case CharCode.openBrace:
        this.openContainer({}, false, index);
        this.state = expectKeyOrObjectEnd;
        return index + 1;
      case CharCode.openBracket:
        this.openContainer([], true, index);
        this.state = expectValueOrArrayEnd;
        return index + 1;
      case CharCode.lowerT:
        return this.startLiteral("true", true, index);
      case CharCode.lowerF:
        return this.startLiteral("false", false, index);
      case CharCode.lowerN:
        return this.startLiteral("null", null, index);
      default:
        if (code !== CharCode.minus && !isDigit(code)) throw this.syntaxError(index, "Unexpected character, expected a JSON value");
        this.numbers.reset();
        this.state = inNumber;
        return index;
    }
  }

  private startKey(code: number, index: number): number {
    if (code !== CharCode.quote) throw this.syntaxError(index, "Expected a double-quoted object key");
    this.strings.reset();
    this.state = inKey;
    return index + 1;
  }

  private closeKey(): void {
    const frame = this.top as ContainerFrame;
    frame.key = this.strings.text;
    frame.memberMode = memberModeFor(frame.key, frame.shape);
    this.state = expectColon;
  }

  private closeString(): void {
    const text = this.strings.text;
    if (text.length !== this.storedStringLength) this.storeCurrent(text, false);
    this.storedStringLength = -1;
    this.completeValue(text, this.currentIsHidden());
  }

  private startLiteral(text: string, value: boolean | null, index: number): number {
    this.literalText = text;
    this.literalValue = value;
    this.literalIndex = 1;
    this.state = inLiteral;
    return index + 1;
  }

  private readLiteral(code: number, index: number): void {
    if (code !== this.literalText.charCodeAt(this.literalIndex)) throw this.syntaxError(index, `Invalid literal, expected "${this.literalText}"`);
    this.literalIndex += 1;
    if (this.literalIndex === this.literalText.length) this.completeScalar(this.literalValue);
  }

  private openContainer(container: Record<string, unknown> | unknown[], isArray: boolean, index: number): void {
    if (this.frames.length >= this.maxDepth) {
      throw new PartialJsonError("depth", this.offset + index, `Nesting deeper than maxDepth (${this.maxDepth})`);
    }
    const hidden = this.currentIsHidden();
    const parent = this.top;
    const shape = parent === undefined ? this.shape : parent.isArray ? parent.shape?.element(parent.size) : parent.shape?.member(parent.key);
    this.storeCurrent(container, true);
    const frame = openFrame(container, isArray, hidden, shape);
    this.frames.push(frame);
    this.top = frame;
  }

  private closeContainer(index: number): number {
    const frame = this.frames.pop() as ContainerFrame;
    this.top = this.frames[this.frames.length - 1];
    this.completeValue(frame.container, frame.hidden);
    return index + 1;
  }

  /** A number or literal is complete: it appears now. */
  private completeScalar(value: unknown): void {
    this.storeCurrent(value, true);
    this.completeValue(value, this.currentIsHidden());
  }

  private completeValue(value: unknown, hidden: boolean): void {
    if (this.onValueComplete !== undefined && !hidden) this.onValueComplete(pathOfFrames(this.frames), value);
    this.state = this.top === undefined ? expectNothing : expectCommaOrEnd;
  }

  /** Puts `value` where the value being read goes: the root, the current member, or a new (`append`) or the last array element. */
  private storeCurrent(value: unknown, append: boolean): void {
    if (this.top === undefined) this.root = value;
    else storeInFrame(this.top, value, append);
    if (!this.currentIsHidden()) this.changes += 1;
  }

  /** True when the value being read is not reachable from the root (under a dropped `__proto__`). */
  private currentIsHidden(): boolean {
    const top = this.top;
    return top !== undefined && (top.hidden || (!top.isArray && top.memberMode === MemberMode.drop));
  }

  private syntaxError(index: number, message: string): PartialJsonError {
    return new PartialJsonError("syntax", this.offset + index, message);
  }
}

import { CharCode, isDigit } from "./char-codes.js";
import { PartialJsonError } from "./partial-json-error.js";

/** Grammar positions inside a number: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`. */
const start = 0;
const afterMinus = 1;
const afterLeadingZero = 2;
const inInteger = 3;
const afterDot = 4;
const inFraction = 5;
const afterExponentMark = 6;
const afterExponentSign = 7;
const inExponent = 8;

/** `read`'s verdicts besides a next state: the character ends the number, or is a digit after a leading zero. */
const noTransition = -1;
const digitAfterLeadingZero = -2;

/** Integers of up to this many digits are exact in a double: they are computed without converting text. */
const maximumExactDigits = 15;

/** True where the number text read so far is itself a whole JSON number. */
function canEndAt(state: number): boolean {
  return state === afterLeadingZero || state === inInteger || state === inFraction || state === inExponent;
}

/**
 * Reads one JSON number across chunks, validating its grammar strictly (no `01`, `+1`,
 * `.5`, `1.`, `1e`, lone `-`). The number is complete only when a character that cannot
 * continue it arrives (or the stream ends): `12` is never reported when `123` follows.
 */
export class JsonNumberReader {
  /** True once the number ended; `value` then holds it. */
  done = false;
  /** The number, converted with `Number` of its exact text (so equal to `JSON.parse`'s). */
  value = 0;
  private state = start;
  private pendingText = "";
  private negative = false;
  /** The integer part's value and digit count, for the fast path of plain integers. */
  private integerValue = 0;
  private integerDigits = 0;

  /** Starts a new number. */
  reset(): void {
    this.done = false;
    this.value = 0;
    this.state = start;
    this.pendingText = "";
    this.negative = false;
    this.integerValue = 0;
    this.integerDigits = 0;
  }

  /**
   * Reads number characters of `chunk` from `index`. Returns the index of the first
   * character that is not part of the number (not consumed; `done` is then true), or
   * the chunk length. `offset` is the stream position of the chunk (for errors).
   */
  read(chunk: string, index: number, offset: number): number {
    const length = chunk.length;
    let state = this.state;
    let position = index;
    for (; position < length; position += 1) {
      const code = chunk.charCodeAt(position);
      const digit = isDigit(code);
      let next = noTransition;
      switch (state) {
        case start:
        case afterMinus:
          if (code === CharCode.digitZero) next = afterLeadingZero;
          else if (digit) next = inInteger;
          else if (code === CharCode.minus && state === start) next = afterMinus;
          if (next === afterMinus) this.negative = true;
          else if (next >= 0) {
            this.integerValue = code - CharCode.digitZero;
            this.integerDigits = 1;
          }
          break;
        case afterLeadingZero:
        case inInteger:
          if (digit && state === inInteger) {
            this.integerValue = this.integerValue * 10 + (code - CharCode.digitZero);
            this.integerDigits += 1;
          }
          if (digit) next = state === inInteger ? inInteger : digitAfterLeadingZero;
          else if (code === CharCode.dot) next = afterDot;
          else if (code === CharCode.lowerE || code === CharCode.upperE) next = afterExponentMark;
          break;
        case afterDot:
        case inFraction:
          if (digit) next = inFraction;
          else if (state === inFraction && (code === CharCode.lowerE || code === CharCode.upperE)) next = afterExponentMark;
          break;
        case afterExponentMark:
          if (digit) next = inExponent;
          else if (code === CharCode.plus || code === CharCode.minus) next = afterExponentSign;
          break;
        default:
          if (digit) next = inExponent;
      }
      if (next >= 0) {
        state = next;
        continue;
      }
      if (next === digitAfterLeadingZero) throw new PartialJsonError("syntax", offset + position, "Leading zero in number");
      if (!canEndAt(state)) throw new PartialJsonError("syntax", offset + position, "Unfinished number");
      this.state = state;
      if (this.isExactInteger()) this.finishInteger();
      else this.finish(this.pendingText === "" ? chunk.slice(index, position) : this.pendingText + chunk.slice(index, position));
      return position;
    }
    this.state = state;
    this.pendingText += chunk.slice(index, length);
    return length;
  }

  /** The stream ended right after the number: completes it, or returns false if its text is unfinished (`-`, `1.`, `1e`). */
  end(): boolean {
    if (!canEndAt(this.state)) return false;
    if (this.isExactInteger()) this.finishInteger();
    else this.finish(this.pendingText);
    return true;
  }

  /** A plain integer (no fraction, no exponent) short enough to be computed exactly, as `Number(text)` would. */
  private isExactInteger(): boolean {
    return (this.state === inInteger || this.state === afterLeadingZero) && this.integerDigits <= maximumExactDigits;
  }

  private finishInteger(): void {
    this.value = this.negative ? -this.integerValue : this.integerValue;
    this.done = true;
  }

  private finish(text: string): void {
    this.value = Number(text);
    this.done = true;
  }
}

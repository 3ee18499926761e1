/** UTF-16 code units the parser compares against (`charCodeAt` results). */
export const CharCode = {
  tab: 0x09,
  lineFeed: 0x0a,
  carriageReturn: 0x0d,
  space: 0x20,
  quote: 0x22,
  plus: 0x2b,
  comma: 0x2c,
  minus: 0x2d,
  dot: 0x2e,
  slash: 0x2f,
  digitZero: 0x30,
  digitOne: 0x31,
  digitNine: 0x39,
  colon: 0x3a,
  upperA: 0x41,
  upperE: 0x45,
  upperF: 0x46,
  openBracket: 0x5b,
  backslash: 0x5c,
  closeBracket: 0x5d,
  lowerA: 0x61,
  lowerB: 0x62,
  lowerE: 0x65,
  lowerF: 0x66,
  lowerN: 0x6e,
  lowerR: 0x72,
  lowerT: 0x74,
  lowerU: 0x75,
  openBrace: 0x7b,
  closeBrace: 0x7d,
  highSurrogateFirst: 0xd800,
  highSurrogateLast: 0xdbff,
} as const;

/** True for the four whitespace characters JSON allows between tokens: space, tab, line feed, carriage return. */
export function isJsonWhitespace(code: number): boolean {
  return code === CharCode.space || code === CharCode.lineFeed || code === CharCode.carriageReturn || code === CharCode.tab;
}

/** True for `0`..`9`. */
export function isDigit(code: number): boolean {
  return code >= CharCode.digitZero && code <= CharCode.digitNine;
}

/** True for a UTF-16 high (leading) surrogate, the first half of an astral character. */
export function isHighSurrogate(code: number): boolean {
  return code >= CharCode.highSurrogateFirst && code <= CharCode.highSurrogateLast;
}

/** The value of a hexadecimal digit (`0-9`, `a-f`, `A-F`), or -1 for any other character. */
export function hexDigitValue(code: number): number {
  if (code >= CharCode.digitZero && code <= CharCode.digitNine) return code - CharCode.digitZero;
  if (code >= CharCode.lowerA && code <= CharCode.lowerF) return code - CharCode.lowerA + 10;
  if (code >= CharCode.upperA && code <= CharCode.upperF) return code - CharCode.upperA + 10;
  return -1;
}

import { extractFencedJson } from "../parsing/extract-fenced-json.js";
import type { RepairTally } from "./repair-kinds.js";

const isSpace = (code: number) => code === 32 || code === 10 || code === 13 || code === 9;
const isKeyStart = (code: number) => (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 36;
const isKeyPart = (code: number) => isKeyStart(code) || (code >= 48 && code <= 57) || code === 45;

/**
 * Rewrites the JSON-like text in a model's answer into JSON, in one pass
 * (linear in the text, whatever it holds): from the first `{` or `[` (inside
 * a ```json fence when there is one) to where that value closes, it turns
 * single-quoted strings into JSON strings, quotes bare object keys, drops
 * commas before `}` or `]`, and adds the closing brackets missing at the end.
 * Each fix is counted in `tally`. Undefined when there is no JSON-like value,
 * when it ends inside a string (a cut-off answer is not guessed at), or when
 * nothing needed fixing.
 */
export function repairJsonText(answer: string, tally: RepairTally): string | undefined {
  const text = extractFencedJson(answer);
  let start = -1;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 123 /* { */ || code === 91 /* [ */) {
      start = index;
      break;
    }
  }
  if (start === -1) return undefined;
  const pieces: string[] = [];
  let copiedTo = start;
  /** Replaces text[from, to) with `replacement` in the output. */
  const replace = (from: number, to: number, replacement: string) => {
    pieces.push(text.slice(copiedTo, from), replacement);
    copiedTo = to;
  };
  const closers: number[] = [];
  let quote = 0;
  let expectKey = false;
  let pendingComma = -1;
  let end = text.length;
  let index = start;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (quote !== 0) {
      if (code === 92 /* \ */) {
        if (quote === 39 && text.charCodeAt(index + 1) === 39) replace(index, index + 2, "'");
        index += 2;
        continue;
      }
      if (code === quote) {
        if (quote === 39) replace(index, index + 1, '"');
        quote = 0;
      } else if (quote === 39 && code === 34) {
        replace(index, index + 1, '\\"');
      }
      index += 1;
      continue;
    }
    if (isSpace(code)) {
      index += 1;
      continue;
    }
    if (code === 44 /* , */) {
      pendingComma = index;
      expectKey = closers[closers.length - 1] === 125;
      index += 1;
      continue;
    }
    if (code === 125 /* } */ || code === 93 /* ] */) {
      if (pendingComma !== -1) {
        replace(pendingComma, pendingComma + 1, "");
        tally.add("trailing-comma");
      }
      pendingComma = -1;
      expectKey = false;
      if (closers.pop() !== code) return undefined;
      index += 1;
      if (closers.length === 0) {
        end = index;
        break;
      }
      continue;
    }
    pendingComma = -1;
    if (code === 123 /* { */ || code === 91 /* [ */) {
      closers.push(code + 2);
      expectKey = code === 123;
      index += 1;
      continue;
    }
    if (code === 34 /* " */ || code === 39 /* ' */) {
      if (code === 39) {
        replace(index, index + 1, '"');
        tally.add("single-quotes");
      }
      quote = code;
      expectKey = false;
      index += 1;
      continue;
    }
    if (code === 58 /* : */) {
      expectKey = false;
      index += 1;
      continue;
    }
    if (expectKey && isKeyStart(code)) {
      let keyEnd = index + 1;
      while (keyEnd < text.length && isKeyPart(text.charCodeAt(keyEnd))) keyEnd += 1;
      let next = keyEnd;
      while (next < text.length && isSpace(text.charCodeAt(next))) next += 1;
      if (text.charCodeAt(next) === 58) {
        replace(index, keyEnd, `"${text.slice(index, keyEnd)}"`);
        tally.add("unquoted-key");
      }
      expectKey = false;
      index = keyEnd;
      continue;
    }
    expectKey = false;
    index += 1;
  }
  if (quote !== 0) return undefined;
  if (closers.length > 0) {
    if (pendingComma !== -1) {
      replace(pendingComma, pendingComma + 1, "");
      tally.add("trailing-comma");
    }
    tally.add("missing-bracket", closers.length);
  }
  if (tally.count === 0) return undefined;
  pieces.push(text.slice(copiedTo, end));
  for (let closer = closers.length - 1; closer >= 0; closer -= 1) pieces.push(String.fromCharCode(closers[closer] as number));
  return pieces.join("");
}

/**
 * The first balanced JSON object or array in a text (for answers with prose
 * around the JSON), or undefined. One pass, linear time: strings and escapes
 * are tracked so braces inside strings do not count.
 */
export function extractJsonObject(text: string): string | undefined {
  let start = -1;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (char === "{" || char === "[") {
      start = index;
      break;
    }
  }
  if (start === -1) return undefined;
  let depth = 0;
  let inString = false;
  for (let index = start; index < text.length; index += 1) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 92 /* \ */) index += 1;
      else if (char === 34 /* " */) inString = false;
      continue;
    }
    if (char === 34) inString = true;
    else if (char === 123 /* { */ || char === 91 /* [ */) depth += 1;
    else if (char === 125 /* } */ || char === 93 /* ] */) {
      depth -= 1;
      if (depth === 0) return text.slice(start, index + 1);
    }
  }
  return undefined;
}

/**
 * The body of the first fenced code block labelled `json` (or unlabelled) in
 * a model's markdown answer; the whole text when there is no fence. Scans
 * with `indexOf` only, so it runs in linear time on any input (no regex
 * backtracking on hostile output).
 */
export function extractFencedJson(text: string): string {
  let fallback: string | undefined;
  let position = 0;
  while (position < text.length) {
    const open = text.indexOf("```", position);
    if (open === -1) break;
    const lineEnd = text.indexOf("\n", open + 3);
    if (lineEnd === -1) break;
    const label = text.slice(open + 3, lineEnd).trim().toLowerCase();
    const close = text.indexOf("```", lineEnd + 1);
    const body = text.slice(lineEnd + 1, close === -1 ? text.length : close);
    if (label === "json" || label === "jsonc" || label === "json5") return body.trim();
    if (fallback === undefined && label === "") fallback = body.trim();
    if (close === -1) break;
    position = close + 3;
  }
  return fallback ?? text.trim();
}

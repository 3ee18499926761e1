const zeroWidthCharacters = /[\u200B-\u200D\u2060\uFEFF]/g;
const whitespaceRun = /\s+/gu;

/**
 * A string as the `normalized` comparison sees it: Unicode NFKC (full-width
 * letters, ligatures and other compatibility forms become their plain
 * letters), full case folding (`Straße` = `STRASSE`), zero-width characters
 * removed, every run of whitespace one space, trimmed. Accents are kept:
 * `é` is not `e`.
 */
export function normalizeString(text: string): string {
  return text
    .normalize("NFKC")
    .toUpperCase()
    .toLowerCase()
    .normalize("NFKC")
    .replace(zeroWidthCharacters, "")
    .replace(whitespaceRun, " ")
    .trim();
}

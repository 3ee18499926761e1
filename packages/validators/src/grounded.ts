import * as v from "valibot";

/** Options of {@link grounded}. */
export interface GroundedOptions {
  /** Compare case-sensitively. Default false. */
  readonly caseSensitive?: boolean;
  /** Treat every run of whitespace as one space. Default true. */
  readonly collapseWhitespace?: boolean;
  /** Ignore typographic differences of quotes and dashes (“ ” ‘ ’ – —). Default true. */
  readonly normalizePunctuation?: boolean;
}

function normalizer(options: GroundedOptions): (text: string) => string {
  const { caseSensitive = false, collapseWhitespace = true, normalizePunctuation = true } = options;
  return (text) => {
    let result = text.normalize("NFKC");
    if (normalizePunctuation) result = result.replace(/[\u201C\u201D\u201E\u00AB\u00BB]/g, '"').replace(/[\u2018\u2019\u201A]/g, "'").replace(/[\u2013\u2014]/g, "-");
    if (collapseWhitespace) result = result.replace(/\s+/g, " ").trim();
    if (!caseSensitive) result = result.toLowerCase();
    return result;
  };
}

/**
 * A Valibot check that the string occurs in the source text, so an extracted
 * quote or citation cannot be invented. Tolerant of whitespace, case and
 * typographic quotes by default. A failure becomes a validation issue that
 * the re-ask loop sends back to the model.
 *
 * @example
 * const Quote = v.object({ quote: v.pipe(v.string(), grounded(article)) });
 */
export function grounded(source: string | (() => string), options: GroundedOptions = {}) {
  const normalize = normalizer(options);
  let cachedSource: string | undefined;
  const normalizedSource = () => {
    if (typeof source === "string") return (cachedSource ??= normalize(source));
    return normalize(source());
  };
  return v.check<string, (issue: v.CheckIssue<string>) => string>(
    (value) => {
      const needle = normalize(value);
      return needle.length > 0 && normalizedSource().includes(needle);
    },
    (issue) => `"${String(issue.input).slice(0, 200)}" does not occur in the source text: quote the source exactly, do not paraphrase or invent`,
  );
}

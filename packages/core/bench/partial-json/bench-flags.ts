/** Command-line settings of `bench/partial-json.ts`. */
export interface PartialJsonBenchFlags {
  /** Skip the quadratic peers above 10 KB too (they take long at 100 KB). */
  readonly quick: boolean;
  readonly help: boolean;
}

/** Usage text of `bench/partial-json.ts`. */
export const partialJsonBenchUsage =
  "usage: tsx bench/partial-json.ts [--quick]   (--quick: skip the quadratic peers above 10 KB, not only above 100 KB)";

/** Reads the flags; unknown arguments are reported by the caller. */
export function parsePartialJsonBenchFlags(args: readonly string[]): PartialJsonBenchFlags & { readonly unknown: readonly string[] } {
  const known = new Set(["--quick", "--help", "-h"]);
  return {
    quick: args.includes("--quick"),
    help: args.includes("--help") || args.includes("-h"),
    unknown: args.filter((argument) => !known.has(argument)),
  };
}

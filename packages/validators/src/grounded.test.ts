import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { grounded } from "./grounded.js";

const article = "The committee met on Tuesday.\nIt said: “Budgets  must be   balanced.”";

describe("grounded", () => {
  const Quote = v.object({ quote: v.pipe(v.string(), grounded(article)) });

  it("accepts a quote that occurs in the source, whatever the whitespace, case and quote marks", () => {
    expect(v.safeParse(Quote, { quote: 'budgets must be balanced.' }).success).toBe(true);
    expect(v.safeParse(Quote, { quote: 'said: "Budgets must be balanced."' }).success).toBe(true);
  });

  it("rejects an invented quote with a message the re-ask can use", () => {
    const result = v.safeParse(Quote, { quote: "Budgets should grow." });
    expect(result.success).toBe(false);
    expect(result.issues?.[0]?.message).toContain('"Budgets should grow." does not occur in the source text');
    expect(result.issues?.[0]?.path?.[0]?.key).toBe("quote");
  });

  it("rejects empty strings and honours caseSensitive", () => {
    expect(v.safeParse(v.pipe(v.string(), grounded(article)), "").success).toBe(false);
    expect(v.safeParse(v.pipe(v.string(), grounded(article, { caseSensitive: true })), "the committee").success).toBe(false);
    expect(v.safeParse(v.pipe(v.string(), grounded(article, { caseSensitive: true })), "The committee").success).toBe(true);
  });

  it("reads a source function each time", () => {
    let source = "alpha";
    const Check = v.pipe(v.string(), grounded(() => source));
    expect(v.safeParse(Check, "alpha").success).toBe(true);
    source = "beta";
    expect(v.safeParse(Check, "alpha").success).toBe(false);
  });
});

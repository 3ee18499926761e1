import { createResponseModel } from "@cortex-ml/schemas";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { parseFeedback, truncateForReask, validationFeedback } from "./reask-feedback.js";
import { toValidationIssues } from "./validation-issues.js";

describe("toValidationIssues", () => {
  it("gives dotted paths and the schema fragment of each failing field", () => {
    const model = createResponseModel(v.object({ items: v.array(v.object({ price: v.pipe(v.number(), v.minValue(0)) })) }));
    const result = v.safeParse(model.validationSchema as v.GenericSchema, { items: [{ price: 1 }, { price: -2 }] });
    expect(result.success).toBe(false);
    const issues = toValidationIssues(result.issues ?? [], model.jsonSchema, model.wrapped);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: "items[1].price", keys: ["items", 1, "price"], schemaFragment: { type: "number", minimum: 0 } });
    expect(issues[0]?.message).toMatch(/-2/);
  });

  it("hides the { content } envelope of simple response models", () => {
    const model = createResponseModel(v.array(v.number()));
    const result = v.safeParse(model.validationSchema as v.GenericSchema, { content: [1, "two"] });
    const issues = toValidationIssues(result.issues ?? [], model.jsonSchema, model.wrapped);
    expect(issues[0]).toMatchObject({ path: "[1]", schemaFragment: { type: "number" } });
  });
});

describe("re-ask feedback", () => {
  it("lists every issue with its path and schema fragment", () => {
    const text = validationFeedback([
      { path: "age", keys: ["age"], message: "Invalid type: Expected number but received \"25\"", schemaFragment: { type: "number" } },
    ]);
    expect(text).toContain('- age: Invalid type: Expected number but received "25" (schema: {"type":"number"})');
    expect(parseFeedback("Unexpected token")).toContain("not valid JSON (Unexpected token)");
  });

  it("truncates long outputs with a note", () => {
    const text = truncateForReask("x".repeat(10_050), 10_000);
    expect(text.length).toBeLessThan(10_100);
    expect(text).toContain("50 more characters truncated");
  });
});

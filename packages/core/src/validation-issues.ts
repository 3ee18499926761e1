import { type JsonSchema, schemaFragmentAt } from "@cortex-ml/schemas";
import type { BaseIssue } from "valibot";
import type { ValidationIssue } from "./attempt.js";

function formatPath(keys: readonly PropertyKey[]): string {
  if (keys.length === 0) return "(root)";
  let path = "";
  for (const key of keys) {
    if (typeof key === "number") path += `[${key}]`;
    else path += path === "" ? String(key) : `.${String(key)}`;
  }
  return path;
}

/**
 * Turns Valibot issues into {@link ValidationIssue}s with dotted paths and the
 * JSON Schema fragment of each failing field. `wrapped` strips the
 * `{ content }` envelope of simple response models from the paths.
 */
export function toValidationIssues(
  issues: readonly BaseIssue<unknown>[],
  jsonSchema: JsonSchema,
  wrapped: boolean,
): ValidationIssue[] {
  return issues.map((issue) => {
    const keys = (issue.path ?? []).map((item) => item.key as PropertyKey);
    const shownKeys = wrapped && keys[0] === "content" ? keys.slice(1) : keys;
    return {
      path: formatPath(shownKeys),
      keys: shownKeys,
      message: issue.message,
      schemaFragment: schemaFragmentAt(jsonSchema, wrapped ? ["content", ...shownKeys] : keys),
    };
  });
}

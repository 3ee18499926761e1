import type { ValidationIssue } from "./attempt.js";

/** Longest raw output repeated back to the model in a re-ask; longer ones are truncated with a note. */
export const maxReaskOutputChars = 8_000;

/** The raw output as shown back to the model, cut to a bounded size. */
export function truncateForReask(text: string, limit: number = maxReaskOutputChars): string {
  if (text.length <= limit) return text;
  return `${text.slice(0, limit)}\n[... ${text.length - limit} more characters truncated]`;
}

/** The user message after an answer that failed validation: every issue with its path and schema fragment. */
export function validationFeedback(issues: readonly ValidationIssue[]): string {
  const lines = issues.slice(0, 50).map((issue) => {
    const fragment = issue.schemaFragment ? ` (schema: ${truncateForReask(JSON.stringify(issue.schemaFragment), 500)})` : "";
    return `- ${issue.path}: ${issue.message}${fragment}`;
  });
  if (issues.length > 50) lines.push(`- ... and ${issues.length - 50} more issues`);
  return [
    "Your previous answer did not match the schema. Fix these problems:",
    ...lines,
    "Answer again with the corrected JSON object only.",
  ].join("\n");
}

/** The user message after an answer that was not JSON. */
export function parseFeedback(error: string): string {
  return `Your previous answer was not valid JSON (${error}). Answer again with one JSON object that matches the schema, and nothing else.`;
}

import { InvalidRecordError } from "./invalid-record-error.js";

/** One record of a batch input file, ready to send. */
export interface InputRecord {
  /** 1-based line number in the input file. */
  readonly line: number;
  /** The record's `id`, when it had one. */
  readonly id?: unknown;
  readonly text: string;
}

/** An input line that could not be read as a record; it is written as a failed record. */
export interface InvalidInputLine {
  readonly line: number;
  readonly id?: unknown;
  readonly error: InvalidRecordError;
}

/** A non-blank input line: a record, or why it is not one. */
export type ParsedInputLine = { readonly ok: true; readonly record: InputRecord } | { readonly ok: false; readonly invalid: InvalidInputLine };

function invalid(line: number, message: string, id?: unknown): ParsedInputLine {
  return { ok: false, invalid: { line, ...(id === undefined ? {} : { id }), error: new InvalidRecordError({ line, problem: message }) } };
}

/**
 * Reads one non-blank input line: a JSON object with the text in `textField`
 * (and an optional `id`), or a JSON string that is the text itself.
 */
export function parseInputLine(content: string, line: number, textField: string): ParsedInputLine {
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch (error) {
    return invalid(line, `line ${line} is not valid JSON (${(error as Error).message})`);
  }
  if (typeof value === "string") {
    return value.trim() === "" ? invalid(line, `line ${line}: the text is empty`) : { ok: true, record: { line, text: value } };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return invalid(line, `line ${line} is neither a JSON object nor a JSON string`);
  }
  const fields = value as Record<string, unknown>;
  const id = fields.id;
  const text = fields[textField];
  if (typeof text !== "string") {
    const problem = text === undefined ? `has no "${textField}" field` : `has a "${textField}" field that is not a string`;
    return invalid(line, `line ${line} ${problem} (choose the field with --text-field)`, id);
  }
  if (text.trim() === "") return invalid(line, `line ${line}: the "${textField}" field is empty`, id);
  return { ok: true, record: { line, ...(id === undefined ? {} : { id }), text } };
}

/** Splits the input file's content into its non-blank lines, each parsed, with 1-based line numbers. */
export function parseInputLines(content: string, textField: string): ParsedInputLine[] {
  const parsed: ParsedInputLine[] = [];
  const lines = (content.startsWith("\uFEFF") ? content.slice(1) : content).split("\n");
  lines.forEach((raw, index) => {
    const text = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (text.trim() === "") return;
    parsed.push(parseInputLine(text, index + 1, textField));
  });
  return parsed;
}
